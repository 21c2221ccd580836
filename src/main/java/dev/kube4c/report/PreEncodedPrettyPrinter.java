package dev.kube4c.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;

/**
 * Jackson's default pretty printing, byte for byte, with the line break and indent of each level
 * and the {@code " : "} between a field and its value encoded once: the default printer has the
 * generator convert them from chars at every field, and a 100k-object report has millions of
 * fields.
 */
final class PreEncodedPrettyPrinter extends DefaultPrettyPrinter {
  private static final long serialVersionUID = 1;

  private final SerializableString fieldValueSeparator;

  PreEncodedPrettyPrinter() {
    indentObjectsWith(new Indents());
    fieldValueSeparator = new SerializedString(_objectFieldValueSeparatorWithSpaces);
  }

  private PreEncodedPrettyPrinter(PreEncodedPrettyPrinter base) {
    super(base);
    fieldValueSeparator = base.fieldValueSeparator;
  }

  @Override
  public DefaultPrettyPrinter createInstance() {
    return new PreEncodedPrettyPrinter(this);
  }

  @Override
  public void writeObjectFieldValueSeparator(JsonGenerator generator) throws IOException {
    generator.writeRaw(fieldValueSeparator);
  }

  /** {@link DefaultIndenter}'s line break and two spaces a level, encoded once per level. */
  private static final class Indents implements Indenter {
    private static final DefaultIndenter DEEPER = DefaultIndenter.SYSTEM_LINEFEED_INSTANCE;
    private final SerializableString[] levels = new SerializableString[16];

    Indents() {
      for (int level = 0; level < levels.length; level++) {
        levels[level] = new SerializedString(DefaultIndenter.SYS_LF + "  ".repeat(level));
      }
    }

    @Override
    public void writeIndentation(JsonGenerator generator, int level) throws IOException {
      if (level < levels.length) {
        generator.writeRaw(levels[level]);
      } else {
        DEEPER.writeIndentation(generator, level);
      }
    }

    @Override
    public boolean isInline() {
      return false;
    }
  }
}
