package dev.domino.ide.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import org.eclipse.xtext.ide.server.concurrent.AbstractRequest;
import org.eclipse.xtext.ide.server.concurrent.RequestManager;
import org.eclipse.xtext.ide.server.concurrent.WriteRequest;
import org.eclipse.xtext.service.OperationCanceledManager;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * Xtext cancels every request in flight when an edit arrives, so a hover asked while typing
 * comes back as an error. Here an edit still cancels the builds it supersedes, but reads finish
 * first and answer on the text they were asked about.
 */
@Singleton
public class DominoRequestManager extends RequestManager {
	private final List<AbstractRequest<?>> inFlight = new ArrayList<>();

	@Inject
	public DominoRequestManager(ExecutorService parallel, OperationCanceledManager cancelManager) {
		super(parallel, cancelManager);
	}

	@Override
	protected synchronized void addRequest(AbstractRequest<?> request) {
		inFlight.removeIf(r -> r.get().isDone());
		inFlight.add(request);
	}

	@Override
	protected synchronized CompletableFuture<Void> cancel() {
		List<AbstractRequest<?>> current = new ArrayList<>(inFlight);
		inFlight.clear();
		for (AbstractRequest<?> r : current) {
			if (r instanceof WriteRequest) {
				r.cancel();
			}
		}
		return CompletableFuture.allOf(current.stream().map(AbstractRequest::get).toArray(CompletableFuture[]::new));
	}
}
