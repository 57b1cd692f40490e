package dev.domino.ide.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.FileExtensionProvider;
import org.eclipse.xtext.resource.IResourceServiceProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.resource.impl.ResourceServiceProviderRegistryImpl;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;

import com.google.inject.Injector;
import com.google.inject.Provider;

import dev.domino.ide.DominoIdeSetup;

/**
 * The language's registry for the server, built on a background thread that starts with the
 * process: creating the language's injector (EMF packages, grammar) overlaps with the server's
 * own wiring and JSON-RPC setup; then, beside the first build, a small system is parsed and
 * checked so that the classes of the parser, linker and rules are loaded on the other core. It takes the place of
 * Xtext's service-loader lookup, which does the same work on the caller's thread.
 */
final class EarlyLanguageSetup implements Provider<IResourceServiceProvider.Registry> {
	private static final String WARM_UP = """
			board warm_up_board {
			    cpus 2
			    memory ram at 0x4000_0000 size 1G
			    device uart0 { compatible "arm,pl011" reg 0x900_0000 size 4K irq spi 1 }
			}
			system warm_up on warm_up_board {
			    xen 4.19 { bootargs "console=dtuart dtuart=uart0" }
			    boot uboot booti { load "tftpb" window 0x4000_0000 .. 0x5000_0000 }
			    domain a { vcpus 1 memory 64M console vpl011 nr_spis 8 }
			    domain b { vcpus 1 memory 32M static after a }
			}
			""";

	private final CompletableFuture<IResourceServiceProvider.Registry> registry;

	/** Starts building the registry. */
	EarlyLanguageSetup() {
		registry = CompletableFuture.supplyAsync(EarlyLanguageSetup::build, command -> {
			Thread t = new Thread(command, "domino-language-setup");
			t.setDaemon(true);
			t.start();
		});
	}

	@Override
	public IResourceServiceProvider.Registry get() {
		try {
			return registry.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while setting the language up", e);
		} catch (ExecutionException e) {
			throw new IllegalStateException("the language could not be set up", e.getCause());
		}
	}

	private static IResourceServiceProvider.Registry build() {
		Injector injector = new DominoIdeSetup().createInjectorAndDoEMFRegistration();
		IResourceServiceProvider provider = injector.getInstance(IResourceServiceProvider.class);
		ResourceServiceProviderRegistryImpl result = new ResourceServiceProviderRegistryImpl();
		for (String extension : injector.getInstance(FileExtensionProvider.class).getFileExtensions()) {
			result.getExtensionToFactoryMap().put(extension, provider);
		}
		// the warm-up runs beside the first build rather than before it: measured faster on two cores
		Thread warmUp = new Thread(() -> warmUp(injector), "domino-warm-up");
		warmUp.setDaemon(true);
		warmUp.start();
		return result;
	}

	/** Parses, links and checks a small system in a throwaway resource set; its diagnostics are dropped. */
	private static void warmUp(Injector injector) {
		try {
			XtextResourceSet set = injector.getInstance(XtextResourceSet.class);
			XtextResource resource = (XtextResource) set.createResource(URI.createURI("inmemory:/warm-up.domino"));
			resource.load(new ByteArrayInputStream(WARM_UP.getBytes(StandardCharsets.UTF_8)), null);
			injector.getInstance(IResourceValidator.class).validate(resource, CheckMode.ALL, CancelIndicator.NullImpl);
		} catch (IOException | RuntimeException e) {
			// only speed is lost: the first real file loads what the warm-up would have
		}
	}
}
