{{/* Names and labels shared by every template of the chart. */}}

{{- define "impala.name" -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{/* The workload name of a service key (gateway, membership, ...). */}}
{{- define "impala.workload" -}}
{{- printf "%s-%s" (include "impala.name" .root) .key -}}
{{- end -}}

{{- define "impala.labels" -}}
app.kubernetes.io/part-of: impala
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Labels of a workload's objects (arguments: root, key). */}}
{{- define "impala.workloadLabels" -}}
{{ include "impala.labels" .root }}
app.kubernetes.io/name: {{ .key }}
{{- end -}}

{{/* Selector labels of one workload: stable across upgrades, so never the chart version. */}}
{{- define "impala.selectorLabels" -}}
app.kubernetes.io/name: {{ .key }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "impala.image" -}}
{{- $v := .root.Values.image -}}
{{- printf "%s/%s/%s:%s" $v.registry $v.group .svc.image (default .root.Chart.AppVersion $v.tag) -}}
{{- end -}}

{{/* Kafka: where the services connect, and the CA that signs the brokers' certificates. */}}
{{- define "impala.kafkaBootstrap" -}}
{{- if .Values.kafka.create -}}
{{- printf "%s-kafka-bootstrap:%d" .Values.kafka.name (ternary 9093 9092 .Values.kafka.tls | int) -}}
{{- else -}}
{{- required "kafka.bootstrapServers is required when kafka.create is false" .Values.kafka.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{- define "impala.kafkaCaSecret" -}}
{{- if .Values.kafka.create -}}
{{- printf "%s-cluster-ca-cert" .Values.kafka.name -}}
{{- else -}}
{{- required "kafka.caSecret is required when kafka.tls is on and kafka.create is false" .Values.kafka.caSecret -}}
{{- end -}}
{{- end -}}

{{/* The KafkaUser of a service, and so the Secret (password, sasl.jaas.config) Strimzi makes for it. */}}
{{- define "impala.kafkaUser" -}}
{{- include "impala.workload" . -}}
{{- end -}}

{{- define "impala.pgHost" -}}
{{- if .Values.postgres.create -}}
{{- printf "%s-rw" .Values.postgres.name -}}
{{- else -}}
{{- required "postgres.host is required when postgres.create is false" .Values.postgres.host -}}
{{- end -}}
{{- end -}}

{{- define "impala.pgCaSecret" -}}
{{- if .Values.postgres.create -}}
{{- printf "%s-ca" .Values.postgres.name -}}
{{- else -}}
{{- required "postgres.caSecret is required for sslMode verify-full when postgres.create is false" .Values.postgres.caSecret -}}
{{- end -}}
{{- end -}}

{{/* The basic-auth Secret (username, password) of one database: yours, or the chart's. */}}
{{- define "impala.dbSecret" -}}
{{- $db := index .root.Values.databases .db -}}
{{- if $db.existingSecret -}}
{{- $db.existingSecret -}}
{{- else if .root.Values.postgres.create -}}
{{- printf "%s-db-%s" (include "impala.name" .root) .db -}}
{{- else -}}
{{- fail (printf "databases.%s.existingSecret is required when postgres.create is false (a Secret with username and password)" .db) -}}
{{- end -}}
{{- end -}}

{{- define "impala.clientSecrets" -}}
{{- default (printf "%s-keycloak-clients" (include "impala.name" .)) .Values.keycloak.clientSecrets.existingSecret -}}
{{- end -}}

{{/* The Secret with the keys notifications seals webhook secrets with. */}}
{{- define "impala.webhookKeys" -}}
{{- default (printf "%s-webhook-keys" (include "impala.name" .)) .Values.webhooks.existingSecret -}}
{{- end -}}

{{/* The Secret with the key notifications signs unsubscribe links with. */}}
{{- define "impala.unsubscribeKey" -}}
{{- default (printf "%s-unsubscribe-key" (include "impala.name" .)) .Values.unsubscribe.existingSecret -}}
{{- end -}}

{{/* Where the services fetch the realm's keys (inside the cluster), and the issuer its tokens name. */}}
{{- define "impala.oidcUrl" -}}
{{- if .Values.keycloak.create -}}
{{- printf "http://%s-service:8080/realms/%s" .Values.keycloak.name .Values.keycloak.realm -}}
{{- else -}}
{{- required "keycloak.url is required when keycloak.create is false" .Values.keycloak.url -}}
{{- end -}}
{{- end -}}

{{- define "impala.oidcIssuer" -}}
{{- if .Values.keycloak.create -}}
{{- printf "%s/realms/%s" (trimSuffix "/" .Values.keycloak.hostname) .Values.keycloak.realm -}}
{{- else -}}
{{- default (include "impala.oidcUrl" .) .Values.keycloak.issuer -}}
{{- end -}}
{{- end -}}

{{/*
An egress rule to one of the shared servers: the peers given in networkPolicy.peers.<server>, else the pods of
the operator resource the chart creates (on its port). Arguments: root, server (kafka|postgres|keycloak), port.
*/}}
{{- define "impala.peer" -}}
{{- $v := .root.Values -}}
{{- $given := index $v.networkPolicy.peers .server -}}
{{- if $given -}}
- to:
    {{- toYaml $given | nindent 4 }}
{{- else -}}
{{- $created := index $v .server -}}
{{- if not $created.create -}}
{{- fail (printf "networkPolicy.peers.%s must say where %s is (e.g. an ipBlock) when %s.create is false" .server .server .server) -}}
{{- end -}}
- ports: [{port: {{ .port }}, protocol: TCP}]
  to:
    - podSelector:
        matchLabels:
          {{- if eq .server "kafka" }}
          strimzi.io/cluster: {{ $v.kafka.name }}
          strimzi.io/kind: Kafka
          {{- else if eq .server "postgres" }}
          cnpg.io/cluster: {{ $v.postgres.name }}
          {{- else }}
          app: keycloak
          app.kubernetes.io/instance: {{ $v.keycloak.name }}
          {{- end }}
{{- end -}}
{{- end -}}

{{/*
A random secret value made at install and kept by upgrades: on upgrade, the value already in the cluster.
(Only upgrades look: at install and in helm template there is nothing to find, and no cluster to ask.)
Arguments: root, name (the Secret), key.
*/}}
{{- define "impala.keptSecret" -}}
{{- $existing := dict -}}
{{- if .root.Release.IsUpgrade -}}
{{- $existing = lookup "v1" "Secret" .root.Release.Namespace .name -}}
{{- end -}}
{{- if and $existing $existing.data (hasKey $existing.data .key) -}}
{{- index $existing.data .key -}}
{{- else -}}
{{- randAlphaNum 32 | b64enc -}}
{{- end -}}
{{- end -}}

{{/*
The connection budget of the chart's PostgreSQL: every service at its autoscaler's maximum with its whole pool
(plus Flyway's two), Keycloak's instances with theirs, and the reserved connections must fit in max_connections;
otherwise a peak of load would be refused connections. Fails the render with the sum.
*/}}
{{- define "impala.connectionBudget" -}}
{{- $pg := .Values.postgres -}}
{{- $limit := int (index $pg.parameters "max_connections" | default "100") -}}
{{- $total := int $pg.reservedConnections -}}
{{- $parts := list (printf "reserved %d" $total) -}}
{{- range $key, $svc := .Values.services -}}
{{- if $svc.database -}}
{{- $pods := int $svc.replicas -}}
{{- if $svc.autoscaling.enabled -}}{{- $pods = int $svc.autoscaling.maxReplicas -}}{{- end -}}
{{- $each := add (int $svc.dbPoolMaxSize) 2 -}}
{{- $total = add $total (mul $pods $each) -}}
{{- $parts = append $parts (printf "%s %d × %d" $key $pods $each) -}}
{{- end -}}
{{- end -}}
{{- if .Values.keycloak.create -}}
{{- $kc := mul (int .Values.keycloak.instances) (int .Values.keycloak.dbPoolMaxSize) -}}
{{- $total = add $total $kc -}}
{{- $parts = append $parts (printf "keycloak %d × %d" (int .Values.keycloak.instances) (int .Values.keycloak.dbPoolMaxSize)) -}}
{{- end -}}
{{- if gt $total $limit -}}
{{- fail (printf "postgres.parameters.max_connections is %d, but the platform at its autoscalers' maximum may open %d connections (%s): raise max_connections, or lower services.*.dbPoolMaxSize, autoscaling.maxReplicas or keycloak.dbPoolMaxSize" $limit $total (join ", " $parts)) -}}
{{- end -}}
{{- end -}}

{{/* The ingress controller's pods, as a NetworkPolicy peer (a list item). */}}
{{- define "impala.ingressControllerPeer" -}}
{{- $ic := .Values.networkPolicy.ingressController -}}
- namespaceSelector:
    matchLabels:
      {{- toYaml $ic.namespaceSelector | nindent 6 }}
  {{- with $ic.podSelector }}
  podSelector:
    matchLabels:
      {{- toYaml . | nindent 6 }}
  {{- end }}
{{- end -}}

{{/*
The pods the Keycloak operator runs for the chart's Keycloak: its servers (app: keycloak) and its realm-import Job
(app: keycloak-realm-import), which both open the database; the operator labels both with these two.
*/}}
{{- define "impala.keycloakPodLabels" -}}
app.kubernetes.io/managed-by: keycloak-operator
app.kubernetes.io/instance: {{ .Values.keycloak.name }}
{{- end -}}
