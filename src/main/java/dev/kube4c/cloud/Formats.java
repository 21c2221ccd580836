package dev.kube4c.cloud;

/** Names of the input formats a {@code CloudCluster} can come from (its {@code format} field). */
public final class Formats {
  public static final String AZURE_CLI = "azure-cli";
  public static final String ARM = "arm-template";
  public static final String TERRAFORM_PLAN = "terraform-plan";
  public static final String AWS_CLI = "aws-cli";
  public static final String GCLOUD = "gcloud";

  private Formats() {}
}
