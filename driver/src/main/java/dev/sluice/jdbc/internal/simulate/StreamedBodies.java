package dev.sluice.jdbc.internal.simulate;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;

/**
 * Streamed bodies (Files API, pre-signed volume URLs) as a recording keeps them: a request body is matched by its
 * SHA-256, taken while it is sent; an answer's body is copied to its file under {@code __files} while the caller
 * reads it. Neither is ever held whole in memory.
 */
final class StreamedBodies {
    private StreamedBodies() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest of a body nobody sends (a replay): the publisher is read to its end. */
    static String digest(HttpRequest.BodyPublisher body) throws IOException {
        MessageDigest digest = sha256();
        CompletableFuture<Void> done = new CompletableFuture<>();
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                digest.update(item);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("reading the request body was interrupted");
        } catch (ExecutionException e) {
            throw new IOException("cannot read the request body: " + e.getCause(), e.getCause());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A body that digests what it sends; {@link #hex()} is its digest once it was sent. */
    static final class Digesting implements HttpRequest.BodyPublisher {
        private final HttpRequest.BodyPublisher body;
        private volatile MessageDigest digest = sha256();

        Digesting(HttpRequest.BodyPublisher body) {
            this.body = body;
        }

        @Override
        public long contentLength() {
            return body.contentLength();
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            // a repeated send (a retry) sends the body again from its start
            MessageDigest fresh = sha256();
            digest = fresh;
            body.subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscriber.onSubscribe(subscription);
                }

                @Override
                public void onNext(ByteBuffer item) {
                    fresh.update(item.duplicate());
                    subscriber.onNext(item);
                }

                @Override
                public void onError(Throwable throwable) {
                    subscriber.onError(throwable);
                }

                @Override
                public void onComplete() {
                    subscriber.onComplete();
                }
            });
        }

        String hex() {
            try {
                return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The answer's body, copied to {@code file} as it is read; closing it copies what was not read yet, so the
     * recording holds the whole body whatever the caller read.
     */
    static final class Copying extends FilterInputStream {
        private final OutputStream copy;
        private boolean closed;

        Copying(InputStream in, Path file) throws IOException {
            super(in);
            this.copy = Files.newOutputStream(file);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                copy.write(buffer, offset, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try (OutputStream out = copy; InputStream rest = in) {
                rest.transferTo(out);
            }
        }
    }
}
