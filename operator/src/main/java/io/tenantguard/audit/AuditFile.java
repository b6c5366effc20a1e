package io.tenantguard.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An audit file the operator appends to: made ready, and its last line read to chain the next to it. */
public final class AuditFile {
  private AuditFile() {}

  /**
   * Creates the file and its folder, so that a file the operator cannot write is refused at start;
   * ends a last line that a crash cut short (so that the next line does not run on from it; the
   * verification then reports it); returns the last line, or null when the file is new or empty.
   */
  public static String prepareForAppend(Path file) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    if (folder != null) {
      Files.createDirectories(folder);
    }
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      if (Files.size(file) == 0) {
        return null;
      }
      if (!endsWithLineBreak(file)) {
        out.write('\n');
      }
    }
    return lastLine(file);
  }

  /** The last line of a file that ends with a line break, read from its end. */
  static String lastLine(Path file) throws IOException {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long end = in.length() - 1; // the final line break
      long start = end;
      while (start > 0) {
        in.seek(start - 1);
        if (in.read() == '\n') {
          break;
        }
        start--;
      }
      byte[] line = new byte[Math.toIntExact(end - start)];
      in.seek(start);
      in.readFully(line);
      return stripCarriageReturn(new String(line, StandardCharsets.UTF_8));
    }
  }

  private static boolean endsWithLineBreak(Path file) throws IOException {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      in.seek(in.length() - 1);
      return in.read() == '\n';
    }
  }

  private static String stripCarriageReturn(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
