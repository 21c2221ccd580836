package dev.kube4c.sbom.extract;

import dev.kube4c.sbom.OsRelease;
import dev.kube4c.sbom.SoftwarePackage;
import java.util.List;

/**
 * What one file of an image yielded: packages, the OS release, or notes for the user (a file that
 * could not be read, a format kube4c does not read). Empty for a file at a watched path that held
 * nothing; it still hides the same path in lower layers.
 */
public record FileResult(List<SoftwarePackage> packages, OsRelease os, List<String> notes) {

  public static final FileResult EMPTY = new FileResult(List.of(), null, List.of());

  public FileResult {
    packages = List.copyOf(packages);
    notes = List.copyOf(notes);
  }

  public static FileResult of(List<SoftwarePackage> packages) {
    return new FileResult(packages, null, List.of());
  }

  public static FileResult note(String note) {
    return new FileResult(List.of(), null, List.of(note));
  }

  public boolean isEmpty() {
    return packages.isEmpty() && os == null && notes.isEmpty();
  }
}
