package dev.kube4c.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values here are made up for the test; they only have the shape of real credentials. */
class CredentialDetectorTest {

  private final CredentialDetector detector = new CredentialDetector();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "AWS access key ID|ANY|AKIAQ7XK2M4PZR9WLT3N",
        "Google API key|ANY|AIzaSyQ7xK2m4PzR9wLt3Nq8Zr2VtX9pLm4Kd7N",
        "Google OAuth client secret|ANY|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",
        "Azure storage connection string|ANY|DefaultEndpointsProtocol=https;AccountName=shopdata;AccountKey=Qz8Xv2Lm9Rt4Wk7Np3Hs6Jd1Fg5Bc0Ya2UeQz8Xv2Lm9Rt4Wk7Np3Hs6Jd1Fg5Bc0Ya2Ue0123456789ab==;EndpointSuffix=core.windows.net",
        "JSON Web Token|ANY|eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.Qz8Xv2Lm9Rt4Wk7Np3Hs6Jd1Fg5Bc0Ya2Ue",
        "GitHub token|ANY|ghp_Qz8Xv2Lm9Rt4Wk7Np3Hs6Jd1Fg5Bc0Ya2UeK",
        "GitLab token|ANY|glpat-Qz8Xv2Lm9Rt4Wk7Np3Hs",
        "Slack token|ANY|xoxb-123456789012-Qz8Xv2Lm9Rt4Wk7Np3Hs",
        "Stripe key|ANY|sk_live_Qz8Xv2Lm9Rt4Wk7Np3Hs6Jd1",
        "SendGrid API key|ANY|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",
        "password in URL|DATABASE_URL|postgres://shop:Vx9qL2mRt7@db:5432/shop",
        "high-entropy value|API_TOKEN|q8Zr2VtX9pLm4Kd7Nw3Hs6Jf",
        "high-entropy value|aws_secret_access_key|Qz8Xv2Lm9Rt4Wk7Np3Hs6Jd1Fg5Bc0Ya2Ue/x+Y1",
        "literal password|MYSQL_ROOT_PASSWORD|my-secret-pw",
        "literal password|MINIO_SECRET_KEY|minio123",
      })
  void recognisesKnownFormatsAndKeyLikeValues(String kind, String key, String value) {
    Optional<Detection> found = detector.inKeyValue(key, value);
    assertThat(found).as(value).isPresent();
    assertThat(found.get().kind()).isEqualTo(kind);
    // The value never appears in full, only a prefix and its length.
    assertThat(found.get().describe()).doesNotContain(value).contains("chars)");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "AWS_ACCESS_KEY_ID|AKIAIOSFODNN7EXAMPLE",
        "API_TOKEN|changeme",
        "API_TOKEN|${API_TOKEN}",
        "API_TOKEN|$(API_TOKEN)",
        "API_TOKEN|{{ .Values.token }}",
        "ADMIN_PASSWORD|<your-password>",
        "DB_PASSWORD|true",
        "MYSQL_RANDOM_ROOT_PASSWORD|1",
        "PASSWORD_FILE|/etc/secrets/password",
        "SECRET_NAME|shop-db-credentials",
        "TOKEN_URL|https://login.example.com/oauth2/token",
        "GOOGLE_API_KEY|GOOGLE_API_KEY_VAL",
        "ACCESS_KEY|8312341g-5678-abcd-4a2b2c-33bcsd655",
        "LOG_LEVEL|Qz8Xv2Lm9Rt4Wk7Np3Hs6Jd1",
        "API_TOKEN|short",
        "AWS_SECRET_ACCESS_KEY|secret",
        "DATABASE_URL|postgres://user:password@db:5432/shop",
        "self.tokenizer|AutoTokenizer.from_pretrained(model_id)",
        "API_KEY|projects/shop/secrets/api-key/versions/latest",
      })
  void ignoresPlaceholdersReferencesAndSettings(String key, String value) {
    assertThat(detector.inKeyValue(key, value)).isEmpty();
  }

  @Test
  void findsPrivateKeysAndServiceAccountJsonInText() {
    String json =
        "{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n"
            + "MIIEvQIBADANMq3Lr8Zt1Xw6Vn0Ks5Hd9Jc2Pb7Gy4UeXq8Lm2Vr7Tz4Wk9Np3Hs6Jd1Fg5Bc0\\n-----END PRIVATE KEY-----\\n\"}";
    assertThat(detector.inText(null, json))
        .extracting(Detection::kind)
        .containsExactly("private key PEM block", "GCP service-account key JSON");
    // A certificate is public.
    assertThat(
            detector.inText(
                null,
                "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUMq3Lr8Zt1Xw6Vn0Ks5Hd9Jc2Pb7Gy4UeMq3Lr8Zt1Xw6Vn0\n-----END CERTIFICATE-----"))
        .isEmpty();
  }

  @Test
  void findsKeyLikeAssignmentsInsideConfigurationFiles() {
    assertThat(
            detector.inText(
                null, "server.port=8080\nspring.datasource.password=Tq7wZ2xLp9Vr4Mk8\n"))
        .extracting(Detection::key)
        .containsExactly("spring.datasource.password");
    assertThat(
            detector.inText(
                null, "server.port=8080\npassword.file=/etc/db/password\ntoken_ttl=3600\n"))
        .isEmpty();
  }

  @Test
  void keyLikeNamesSplitBySeparatorsStillCountInsideTexts() {
    // isKeyLike ignores case, "_", "." and "-"; the pre-filter that skips texts without any
    // key-like name must do the same, or these keys would be missed.
    assertThat(detector.inText(null, "db.Pass-Word: Tq7wZ2xLp9Vr4Mk8\n"))
        .extracting(Detection::key)
        .containsExactly("db.Pass-Word");
    assertThat(detector.inText(null, "export API_KEY=Tq7wZ2xLp9Vr4Mk8\n"))
        .extracting(Detection::key)
        .containsExactly("API_KEY");
    assertThat(detector.inText(null, "replicas: 3\nimage: nginx:1.27\nmode: Tq7wZ2xLp9Vr4Mk8\n"))
        .isEmpty();
  }

  @Test
  void redactionShowsAtMostAQuarterOfTheValue() {
    assertThat(Redaction.redact("AKIAQ7XK2M4PZR9WLT3N")).isEqualTo("\"AKIA…\" (20 chars)");
    assertThat(Redaction.redact("admin")).isEqualTo("\"a…\" (5 chars)");
    assertThat(Redaction.redact("abc")).isEqualTo("\"…\" (3 chars)");
  }

  @Test
  void keyLikeNames() {
    assertThat(CredentialDetector.isKeyLike("DB_PASSWORD")).isTrue();
    assertThat(CredentialDetector.isKeyLike("clientSecret")).isTrue();
    assertThat(CredentialDetector.isKeyLike("AWS_SECRET_ACCESS_KEY")).isTrue();
    assertThat(CredentialDetector.isKeyLike("secretName")).isFalse();
    assertThat(CredentialDetector.isKeyLike("tokenFile")).isFalse();
    assertThat(CredentialDetector.isKeyLike("max_tokens")).isFalse();
    assertThat(CredentialDetector.isKeyLike("LOG_LEVEL")).isFalse();
  }
}
