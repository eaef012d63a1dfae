{{/* Environment of the services: the standard Quarkus / Kafka client variables, credentials from Secrets. */}}

{{/* PostgreSQL of one service's own database. Arguments: root, db. */}}
{{- define "impala.databaseEnv" -}}
{{- $pg := .root.Values.postgres -}}
{{- $host := include "impala.pgHost" .root -}}
{{- $secret := include "impala.dbSecret" . -}}
{{- $jdbcParams := "" -}}
{{- if eq $pg.sslMode "verify-full" -}}
{{- $jdbcParams = "?sslmode=verify-full&sslrootcert=/etc/impala/postgres-ca/ca.crt" -}}
{{- else if eq $pg.sslMode "require" -}}
{{- $jdbcParams = "?sslmode=require" -}}
{{- end -}}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom: {secretKeyRef: {name: {{ $secret }}, key: username}}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ $secret }}, key: password}}
- {name: QUARKUS_DATASOURCE_REACTIVE_URL, value: {{ printf "postgresql://%s:%d/%s" $host (int $pg.port) .db | quote }}}
- {name: QUARKUS_DATASOURCE_JDBC_URL, value: {{ printf "jdbc:postgresql://%s:%d/%s%s" $host (int $pg.port) .db $jdbcParams | quote }}}
- {name: QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE, value: {{ $pg.sslMode | quote }}}
{{- if eq $pg.sslMode "verify-full" }}
- {name: QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM, value: "true"}
- {name: QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS, value: /etc/impala/postgres-ca/ca.crt}
- {name: QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM, value: HTTPS}
{{- end }}
{{- end -}}

{{/* Kafka client settings, read by every channel, the outbox relay and the health check. Arguments: root, key. */}}
{{- define "impala.kafkaEnv" -}}
{{- $k := .root.Values.kafka -}}
{{- $sasl := eq $k.authentication "scram-sha-512" -}}
- {name: KAFKA_BOOTSTRAP_SERVERS, value: {{ include "impala.kafkaBootstrap" .root | quote }}}
- {name: KAFKA_SECURITY_PROTOCOL, value: {{ printf "%s%s" (ternary "SASL_" "" $sasl) (ternary "SSL" "PLAINTEXT" $k.tls) | quote }}}
{{- if $sasl }}
- {name: KAFKA_SASL_MECHANISM, value: SCRAM-SHA-512}
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom: {secretKeyRef: {name: {{ include "impala.kafkaUser" . }}, key: sasl.jaas.config}}
{{- end }}
{{- if $k.tls }}
- {name: KAFKA_SSL_TRUSTSTORE_TYPE, value: PEM}
- {name: KAFKA_SSL_TRUSTSTORE_LOCATION, value: /etc/impala/kafka-ca/ca.crt}
{{- end }}
{{- end -}}

{{/* Outgoing email of notifications-service. */}}
{{- define "impala.mailEnv" -}}
{{- $m := .Values.smtp -}}
- {name: QUARKUS_MAILER_HOST, value: {{ $m.host | quote }}}
- {name: QUARKUS_MAILER_PORT, value: {{ $m.port | quote }}}
- {name: QUARKUS_MAILER_START_TLS, value: {{ $m.startTls | quote }}}
- {name: QUARKUS_MAILER_FROM, value: {{ $m.from | quote }}}
{{- with $m.existingSecret }}
- name: QUARKUS_MAILER_USERNAME
  valueFrom: {secretKeyRef: {name: {{ . }}, key: username}}
- name: QUARKUS_MAILER_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ . }}, key: password}}
- {name: QUARKUS_MAILER_AUTH_METHODS, value: "PLAIN LOGIN"}
{{- end }}
- {name: IMPALA_NOTIFICATIONS_PUBLIC_URL, value: {{ .Values.publicUrl | quote }}}
- name: IMPALA_NOTIFICATIONS_WEBHOOKS_SECRET_KEYS
  valueFrom: {secretKeyRef: {name: {{ include "impala.webhookKeys" . }}, key: keys}}
- name: IMPALA_NOTIFICATIONS_UNSUBSCRIBE_KEY
  valueFrom: {secretKeyRef: {name: {{ include "impala.unsubscribeKey" . }}, key: key}}
{{- $u := .Values.unsubscribe }}
{{- if or $u.mailto $u.mailbox.host }}
{{- if not (and $u.mailto $u.mailbox.host $u.mailbox.existingSecret) }}
{{- fail "unsubscribe.mailto, unsubscribe.mailbox.host and unsubscribe.mailbox.existingSecret go together: an address in the List-Unsubscribe header needs the IMAP account notifications reads it from (or leave all three empty)" }}
{{- end }}
- {name: IMPALA_NOTIFICATIONS_UNSUBSCRIBE_MAILTO, value: {{ $u.mailto | quote }}}
- {name: IMPALA_NOTIFICATIONS_UNSUBSCRIBE_MAILBOX_HOST, value: {{ $u.mailbox.host | quote }}}
- {name: IMPALA_NOTIFICATIONS_UNSUBSCRIBE_MAILBOX_PORT, value: {{ $u.mailbox.port | quote }}}
- {name: IMPALA_NOTIFICATIONS_UNSUBSCRIBE_MAILBOX_PROTOCOL, value: imaps}
- name: IMPALA_NOTIFICATIONS_UNSUBSCRIBE_MAILBOX_USERNAME
  valueFrom: {secretKeyRef: {name: {{ $u.mailbox.existingSecret }}, key: username}}
- name: IMPALA_NOTIFICATIONS_UNSUBSCRIBE_MAILBOX_PASSWORD
  valueFrom: {secretKeyRef: {name: {{ $u.mailbox.existingSecret }}, key: password}}
{{- end }}
{{- with .Values.webhooks.denyHosts }}
- {name: IMPALA_NOTIFICATIONS_WEBHOOKS_DENY_HOSTS, value: {{ join "," . | quote }}}
{{- end }}
{{- with .Values.webhooks.denyNetworks }}
- {name: IMPALA_NOTIFICATIONS_WEBHOOKS_DENY_NETWORKS, value: {{ join "," . | quote }}}
{{- end }}
{{- end -}}

{{/*
Settings that only tests and the local platform may turn on, pinned off after services.*.env so that no values file
can turn them on in a cluster; naming one in env fails the install instead of being silently overridden.
*/}}
{{- define "impala.pinnedEnv" -}}
{{- range $name, $_ := .env }}
{{- if regexMatch "(?i)ALLOW[-_.]*(LOOPBACK|HTTP)" $name }}
{{- fail (printf "services.%s.env.%s: the webhook settings allow-loopback and allow-http are for tests and the local platform only; the chart keeps them off" $.key $name) }}
{{- end }}
{{- end }}
{{- if regexMatch "(?i)allow[-_.]*(loopback|http)" (default "" .javaOpts) }}
{{- fail (printf "services.%s.javaOpts: the webhook settings allow-loopback and allow-http are for tests and the local platform only; the chart keeps them off" .key) }}
{{- end }}
{{- if eq .key "notifications" }}
- {name: IMPALA_NOTIFICATIONS_WEBHOOKS_ALLOW_LOOPBACK, value: "false"}
- {name: IMPALA_NOTIFICATIONS_WEBHOOKS_ALLOW_HTTP, value: "false"}
{{- end }}
{{- end -}}
