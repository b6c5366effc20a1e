package io.tenantguard.e2e;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between one client and the API server that a test can cut: while cut, every open
 * connection is dropped and new ones are closed at once, as a network partition does to the
 * client alone. TLS passes through untouched (the relay listens on the API server's own address).
 */
final class Partition implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile boolean cut;

  private Partition(ServerSocket listener, int target) {
    this.listener = listener;
    this.target = target;
    Thread acceptor = new Thread(this::accept, "partition-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A relay to the API server that {@code kubeconfig} names; {@link #kubeconfig} names the relay instead. */
  static Partition to(Path kubeconfig) throws IOException {
    int port = URI.create(server(Files.readString(kubeconfig))).getPort();
    return new Partition(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), port);
  }

  /** A copy of {@code kubeconfig} whose server is this relay. */
  Path kubeconfig(Path kubeconfig, Path copy) throws IOException {
    String config = Files.readString(kubeconfig);
    String server = server(config);
    Files.writeString(copy, config.replace(server, server.replace(":" + target, ":" + listener.getLocalPort())));
    return copy;
  }

  void cut() {
    cut = true;
    open.forEach(Partition::closeQuietly);
    open.clear();
  }

  void heal() {
    cut = false;
  }

  /** The API server's address, as the kubeconfig spells it ("https://127.0.0.1:6443"). */
  private static String server(String kubeconfig) {
    String url = Config.fromKubeconfig(kubeconfig).getMasterUrl();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (cut) {
          client.close();
          continue;
        }
        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
        open.add(client);
        open.add(server);
        pump(client, server);
        pump(server, client);
      } catch (IOException e) {
        if (listener.isClosed()) {
          return;
        }
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int read; (read = in.read(buffer)) >= 0; ) {
          out.write(buffer, 0, read);
          out.flush();
        }
      } catch (IOException closed) {
        // one side went away: close both below
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, "partition-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException alreadyClosed) {
      // nothing more to close
    }
  }

  @Override
  public void close() {
    cut();
    try {
      listener.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
