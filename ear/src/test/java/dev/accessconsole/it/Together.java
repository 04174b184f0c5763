package dev.accessconsole.it;

import dev.accessconsole.it.Api.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Races for the tests: calls released at the same moment, their responses in the order given. */
public final class Together {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(16, task -> {
        Thread thread = new Thread(task, "together");
        thread.setDaemon(true);
        return thread;
    });

    private Together() {
    }

    /** Runs the calls at the same moment and returns their responses. */
    public static List<Response> run(List<Supplier<Response>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Response>> futures = new ArrayList<>();
        for (Supplier<Response> call : calls) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return call.get();
            }, POOL));
        }
        start.countDown();
        List<Response> responses = new ArrayList<>();
        for (CompletableFuture<Response> future : futures) {
            responses.add(future.get());
        }
        return responses;
    }
}
