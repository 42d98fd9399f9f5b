package io.playerlens.models.runtime;

import ai.onnxruntime.OrtEnvironment;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The process's ONNX Runtime environment, created once. ONNX Runtime 1.29 crashed the JVM when its environment was
 * created on a thread with a small stack and a long classpath (as a Lambda's is); it is created here on a thread
 * with an 8 MB stack. Created on first use, not in a static initialiser, so the helper thread never waits on a
 * class being initialised by its caller.
 */
final class OnnxEnvironment {
    private static OrtEnvironment environment;

    private OnnxEnvironment() {
    }

    static synchronized OrtEnvironment get() {
        if (environment == null) {
            CompletableFuture<OrtEnvironment> created = new CompletableFuture<>();
            Thread thread = new Thread(null, () -> {
                try {
                    created.complete(OrtEnvironment.getEnvironment());
                } catch (Throwable t) {
                    created.completeExceptionally(t);
                }
            }, "onnxruntime-init", 8L * 1024 * 1024);
            thread.start();
            try {
                environment = created.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading ONNX Runtime", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("ONNX Runtime did not load: " + e.getCause(), e.getCause());
            }
        }
        return environment;
    }
}
