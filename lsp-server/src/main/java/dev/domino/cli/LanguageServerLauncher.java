package dev.domino.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.xtext.ide.server.LanguageServerImpl;

import com.google.inject.Guice;
import com.google.inject.Injector;

import dev.domino.ide.server.DominoServerModule;

/**
 * domino lsp: the language server over stdin and stdout. The protocol owns stdout: everything
 * else the JVM or a library would print there is sent to stderr.
 */
public final class LanguageServerLauncher {
	private LanguageServerLauncher() {
	}

	static int run() {
		OutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
		InputStream protocolIn = new FileInputStream(FileDescriptor.in);
		System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
		try {
			serve(protocolIn, protocolOut).get();
		} catch (ExecutionException e) {
			System.err.println("domino lsp: the connection failed: " + e.getCause());
			return Main.USAGE;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		return Main.OK;
	}

	/** Starts a server on the given streams; the future ends when the input closes. Used by tests too. */
	public static Future<Void> serve(InputStream in, OutputStream out) {
		Injector injector = Guice.createInjector(DominoServerModule.create());
		LanguageServerImpl server = injector.getInstance(LanguageServerImpl.class);
		Launcher<LanguageClient> launcher = new Launcher.Builder<LanguageClient>().setLocalService(server)
				.setRemoteInterface(LanguageClient.class).setInput(in).setOutput(out)
				.setExecutorService(injector.getInstance(ExecutorService.class)).create();
		server.connect(launcher.getRemoteProxy());
		return launcher.startListening();
	}
}
