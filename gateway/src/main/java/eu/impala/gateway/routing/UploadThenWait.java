package eu.impala.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.streams.ReadStream;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyRequest;

/**
 * Starts the upstream timeout once the request body has been passed on whole. Vert.x would count from the
 * start of the request, so a large sync uploaded over a slow line would look like a silent service (504).
 */
final class UploadThenWait implements ReadStream<Buffer> {

    private final ReadStream<Buffer> upload;
    private final Runnable uploaded;

    private UploadThenWait(ReadStream<Buffer> upload, Runnable uploaded) {
        this.upload = upload;
        this.uploaded = uploaded;
    }

    /** Wraps the body of {@code proxied} so that {@code toService} times out {@code millis} after the upload. */
    static HttpClientRequest arm(ProxyRequest proxied, HttpClientRequest toService, long millis) {
        Body body = proxied.getBody();
        proxied.setBody(Body.body(new UploadThenWait(body.stream(), () -> {
            if (!toService.response().isComplete()) { // a service may answer before reading the whole body
                toService.idleTimeout(millis);
            }
        }), body.length()));
        return toService;
    }

    /** For a retry of a request without a body: nothing to stream again, so the timeout starts now. */
    static HttpClientRequest withoutBody(ProxyRequest proxied, HttpClientRequest toService, long millis) {
        proxied.setBody(null);
        toService.idleTimeout(millis);
        return toService;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        upload.endHandler(endHandler == null ? null : end -> {
            uploaded.run();
            endHandler.handle(end);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        upload.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        upload.handler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        upload.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        upload.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        upload.fetch(amount);
        return this;
    }
}
