package dev.kube4c.sbom;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * An {@link Sbom} as CycloneDX 1.6 JSON, through the CycloneDX library. The image is the metadata
 * component (type container), the OS an operating-system component, each package a library with its
 * purl. What purls cannot carry goes into {@code kube4c:*} properties ({@code kube4c:ecosystem},
 * {@code kube4c:location}, {@code kube4c:source-name}, {@code kube4c:source-version}), which {@link
 * SbomFiles} reads back.
 */
public final class CycloneDxWriter {

  static final String ECOSYSTEM = "kube4c:ecosystem";
  static final String LOCATION = "kube4c:location";
  static final String SOURCE_NAME = "kube4c:source-name";
  static final String SOURCE_VERSION = "kube4c:source-version";

  private CycloneDxWriter() {}

  public static String toJson(Sbom sbom, String toolVersion) {
    Bom bom = new Bom();
    bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
    Metadata metadata = new Metadata();
    metadata.setTimestamp(new Date());
    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setName("kube4c");
    tool.setVersion(toolVersion);
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool));
    metadata.setToolChoice(tools);
    Component subject = new Component();
    subject.setType(Component.Type.CONTAINER);
    subject.setName(sbom.subject());
    subject.setBomRef("subject");
    if (sbom.digest() != null) {
      subject.setVersion(sbom.digest());
    }
    metadata.setComponent(subject);
    bom.setMetadata(metadata);
    List<Component> components = new ArrayList<>();
    if (sbom.os() != null) {
      Component os = new Component();
      os.setType(Component.Type.OPERATING_SYSTEM);
      os.setBomRef("os:" + sbom.os().id());
      os.setName(sbom.os().id());
      os.setVersion(sbom.os().versionId());
      if (sbom.os().prettyName() != null) {
        os.setDescription(sbom.os().prettyName());
      }
      components.add(os);
    }
    Set<String> refs = new HashSet<>();
    for (SoftwarePackage p : sbom.packages()) {
      Component c = new Component();
      c.setType(Component.Type.LIBRARY);
      c.setName(p.name());
      c.setVersion(p.version());
      if (p.purl() != null) {
        c.setPurl(p.purl());
      }
      String ref = p.purl() != null ? p.purl() : p.ecosystem() + ":" + p.name() + "@" + p.version();
      // the same package at two paths is two components; bom-refs must be unique
      String unique = ref;
      for (int i = 2; !refs.add(unique); i++) {
        unique = ref + "#" + i;
      }
      c.setBomRef(unique);
      c.addProperty(property(ECOSYSTEM, p.ecosystem()));
      if (p.location() != null) {
        c.addProperty(property(LOCATION, p.location()));
      }
      if (p.sourceName() != null) {
        c.addProperty(property(SOURCE_NAME, p.sourceName()));
      }
      if (p.sourceVersion() != null) {
        c.addProperty(property(SOURCE_VERSION, p.sourceVersion()));
      }
      components.add(c);
    }
    bom.setComponents(components);
    try {
      return BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString();
    } catch (GeneratorException e) {
      throw new IllegalStateException("CycloneDX generation failed: " + e.getMessage(), e);
    }
  }

  private static Property property(String name, String value) {
    Property p = new Property();
    p.setName(name);
    p.setValue(value);
    return p;
  }
}
