package dev.kube4c.cloud;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The normalised model: neutral setting keys and, per provider and input dialect, where each
 * provider keeps the setting. Candidates are tried in order ("a|b": the newer spelling first, then
 * an older provider-schema spelling). AKS paths are ARM paths; for `az aks show` output, where
 * {@code properties} is flattened into the top level, the {@code properties.} prefix is dropped.
 */
public final class ClusterKeys {

  private ClusterKeys() {}

  // AKS: ARM resource (and az CLI after dropping "properties.").
  static final Map<String, List<String>> AKS_ARM =
      table(
          "kubernetesVersion", "properties.currentKubernetesVersion|properties.kubernetesVersion",
          "privateCluster", "properties.apiServerAccessProfile.enablePrivateCluster",
          "authorizedIpRanges",
              "properties.apiServerAccessProfile.authorizedIPRanges|cli:properties.apiServerAccessProfile.authorizedIpRanges",
          "localAccountsDisabled", "properties.disableLocalAccounts",
          "rbacEnabled", "properties.enableRBAC|cli:properties.enableRbac",
          "aadProfile", "properties.aadProfile",
          "azureRbac",
              "properties.aadProfile.enableAzureRBAC|cli:properties.aadProfile.enableAzureRbac",
          "networkPolicy", "properties.networkProfile.networkPolicy",
          "networkDataplane", "properties.networkProfile.networkDataplane",
          "kmsEnabled", "properties.securityProfile.azureKeyVaultKms.enabled",
          "defender", "properties.securityProfile.defender.securityMonitoring.enabled",
          "azurePolicy",
              "properties.addonProfiles.azurepolicy.enabled|properties.addonProfiles.azurePolicy.enabled",
          "upgradeChannel", "properties.autoUpgradeProfile.upgradeChannel",
          "nodeOsUpgradeChannel",
              "properties.autoUpgradeProfile.nodeOSUpgradeChannel|cli:properties.autoUpgradeProfile.nodeOsUpgradeChannel",
          "oidcIssuer", "properties.oidcIssuerProfile.enabled",
          "workloadIdentity", "properties.securityProfile.workloadIdentity.enabled",
          "keyVaultSecretsProvider",
              "properties.addonProfiles.azureKeyvaultSecretsProvider.enabled|properties.addonProfiles.azurekeyvaultsecretsprovider.enabled",
          "imageIntegrity", "properties.securityProfile.imageIntegrity.enabled",
          "httpApplicationRouting",
              "properties.addonProfiles.httpApplicationRouting.enabled|properties.addonProfiles.httpapplicationrouting.enabled",
          "kubeDashboard",
              "properties.addonProfiles.kubeDashboard.enabled|properties.addonProfiles.kubedashboard.enabled",
          "skuTier", "sku.tier",
          "servicePrincipal", "properties.servicePrincipalProfile.clientId",
          "identityType", "identity.type");

  static final Map<String, List<String>> AKS_TERRAFORM =
      table(
          "kubernetesVersion", "kubernetes_version",
          "privateCluster", "private_cluster_enabled",
          "authorizedIpRanges",
              "api_server_access_profile[0].authorized_ip_ranges|api_server_authorized_ip_ranges",
          "localAccountsDisabled", "local_account_disabled",
          "rbacEnabled", "role_based_access_control_enabled|role_based_access_control[0].enabled",
          "aadProfile",
              "azure_active_directory_role_based_access_control|role_based_access_control[0].azure_active_directory",
          "azureRbac",
              "azure_active_directory_role_based_access_control[0].azure_rbac_enabled|role_based_access_control[0].azure_active_directory[0].azure_rbac_enabled",
          "networkPolicy", "network_profile[0].network_policy",
          "networkDataplane",
              "network_profile[0].network_data_plane|network_profile[0].ebpf_data_plane",
          "kmsEnabled", "key_management_service",
          "defender", "microsoft_defender",
          "azurePolicy", "azure_policy_enabled|addon_profile[0].azure_policy[0].enabled",
          "upgradeChannel", "automatic_upgrade_channel|automatic_channel_upgrade",
          "nodeOsUpgradeChannel", "node_os_upgrade_channel|node_os_channel_upgrade",
          "oidcIssuer", "oidc_issuer_enabled",
          "workloadIdentity", "workload_identity_enabled",
          "keyVaultSecretsProvider",
              "key_vault_secrets_provider|addon_profile[0].azure_keyvault_secrets_provider[0].enabled",
          "httpApplicationRouting",
              "http_application_routing_enabled|addon_profile[0].http_application_routing[0].enabled",
          "kubeDashboard", "addon_profile[0].kube_dashboard[0].enabled",
          "skuTier", "sku_tier",
          "servicePrincipal", "service_principal[0].client_id",
          "identityType", "identity[0].type");

  static final Map<String, List<String>> AKS_POOL_ARM =
      table(
          "publicIp",
          "enableNodePublicIP|cli:enableNodePublicIp",
          "osSku",
          "osSKU|cli:osSku",
          "osType",
          "osType");

  static final Map<String, List<String>> AKS_POOL_TERRAFORM =
      table(
          "publicIp",
          "node_public_ip_enabled|enable_node_public_ip",
          "osSku",
          "os_sku",
          "osType",
          "os_type");

  // EKS: `aws eks describe-cluster` (inside "cluster") and aws_eks_cluster.
  static final Map<String, List<String>> EKS_AWS =
      table(
          "kubernetesVersion", "version",
          "endpointPublicAccess", "resourcesVpcConfig.endpointPublicAccess",
          "publicAccessCidrs", "resourcesVpcConfig.publicAccessCidrs",
          "encryptionConfig", "encryptionConfig",
          "logging", "logging.clusterLogging",
          "authenticationMode", "accessConfig.authenticationMode");

  static final Map<String, List<String>> EKS_TERRAFORM =
      table(
          "kubernetesVersion", "version",
          "endpointPublicAccess", "vpc_config[0].endpoint_public_access",
          "publicAccessCidrs", "vpc_config[0].public_access_cidrs",
          "encryptionConfig", "encryption_config",
          "logging", "enabled_cluster_log_types",
          "authenticationMode", "access_config[0].authentication_mode");

  static final Map<String, List<String>> EKS_POOL_TERRAFORM =
      table("amiType", "ami_type", "remoteAccess", "remote_access");

  // GKE: `gcloud container clusters describe --format json` and google_container_cluster.
  static final Map<String, List<String>> GKE_GCLOUD =
      table(
          "kubernetesVersion", "currentMasterVersion|initialClusterVersion",
          "privateEndpoint", "privateClusterConfig.enablePrivateEndpoint",
          "publicEndpoint", "controlPlaneEndpointsConfig.ipEndpointsConfig.enablePublicEndpoint",
          "privateNodes",
              "privateClusterConfig.enablePrivateNodes|networkConfig.defaultEnablePrivateNodes",
          "authorizedNetworks", "masterAuthorizedNetworksConfig.enabled",
          "authorizedCidrs", "masterAuthorizedNetworksConfig.cidrBlocks",
          "basicAuthUser", "masterAuth.username",
          "clientCertificate", "masterAuth.clientCertificateConfig.issueClientCertificate",
          "legacyAbac", "legacyAbac.enabled",
          "networkPolicy", "networkPolicy.enabled",
          "datapathProvider", "networkConfig.datapathProvider",
          "autopilot", "autopilot.enabled",
          "databaseEncryption", "databaseEncryption.state",
          "loggingService", "loggingService",
          "securityPosture", "securityPostureConfig.mode",
          "releaseChannel", "releaseChannel.channel",
          "workloadPool", "workloadIdentityConfig.workloadPool",
          "secretManager", "secretManagerConfig.enabled",
          "shieldedNodes", "shieldedNodes.enabled",
          "binaryAuthorization", "binaryAuthorization.evaluationMode|binaryAuthorization.enabled",
          "kubernetesDashboard", "addonsConfig.kubernetesDashboard.disabled",
          "defaultServiceAccount", "nodeConfig.serviceAccount");

  static final Map<String, List<String>> GKE_TERRAFORM =
      table(
          "kubernetesVersion", "master_version|min_master_version",
          "privateEndpoint", "private_cluster_config[0].enable_private_endpoint",
          "privateNodes", "private_cluster_config[0].enable_private_nodes",
          "authorizedNetworks", "master_authorized_networks_config",
          "authorizedCidrs", "master_authorized_networks_config[0].cidr_blocks",
          "basicAuthUser", "master_auth[0].username",
          "clientCertificate",
              "master_auth[0].client_certificate_config[0].issue_client_certificate",
          "legacyAbac", "enable_legacy_abac",
          "networkPolicy", "network_policy[0].enabled",
          "datapathProvider", "datapath_provider",
          "autopilot", "enable_autopilot",
          "databaseEncryption", "database_encryption[0].state",
          "loggingService", "logging_service",
          "securityPosture", "security_posture_config[0].mode",
          "releaseChannel", "release_channel[0].channel",
          "workloadPool", "workload_identity_config[0].workload_pool",
          "secretManager", "secret_manager_config[0].enabled",
          "shieldedNodes", "enable_shielded_nodes",
          "binaryAuthorization",
              "binary_authorization[0].evaluation_mode|binary_authorization[0].enabled|enable_binary_authorization",
          "kubernetesDashboard", "addons_config[0].kubernetes_dashboard[0].disabled",
          "defaultServiceAccount", "node_config[0].service_account");

  static final Map<String, List<String>> GKE_POOL_GCLOUD =
      table(
          "secureBoot", "config.shieldedInstanceConfig.enableSecureBoot",
          "imageType", "config.imageType",
          "serviceAccount", "config.serviceAccount",
          "autoUpgrade", "management.autoUpgrade",
          "privateNodes", "networkConfig.enablePrivateNodes");

  static final Map<String, List<String>> GKE_POOL_TERRAFORM =
      table(
          "secureBoot", "node_config[0].shielded_instance_config[0].enable_secure_boot",
          "imageType", "node_config[0].image_type",
          "serviceAccount", "node_config[0].service_account",
          "autoUpgrade", "management[0].auto_upgrade",
          "privateNodes", "network_config[0].enable_private_nodes");

  /**
   * The same table for one AKS format: `az aks show` spells some keys the Python SDK's way
   * (enableRbac, osSku), marked "cli:"; for the CLI those come first, for ARM they are dropped.
   */
  static Map<String, List<String>> forAzureFormat(Map<String, List<String>> table, boolean cli) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    table.forEach(
        (key, candidates) -> {
          List<String> own = new java.util.ArrayList<>();
          for (String c : candidates) {
            if (c.startsWith("cli:")) {
              if (cli) {
                own.add(0, c.substring(4));
              }
            } else {
              own.add(c);
            }
          }
          out.put(key, List.copyOf(own));
        });
    return java.util.Collections.unmodifiableMap(out);
  }

  private static Map<String, List<String>> table(String... pairs) {
    Map<String, List<String>> table = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      table.put(pairs[i], List.of(pairs[i + 1].split("\\|")));
    }
    return java.util.Collections.unmodifiableMap(table);
  }
}
