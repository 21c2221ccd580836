package dev.kube4c.policy;

/**
 * Two objects as a map key by identity: equal only to a key holding the very same two objects (a
 * policy set and a request, an interned definition and a parameter object), whatever their own
 * equals would say, and as cheap to hash as two references.
 */
record IdentityKey(Object first, Object second) {
  @Override
  public boolean equals(Object other) {
    return other instanceof IdentityKey key && key.first == first && key.second == second;
  }

  @Override
  public int hashCode() {
    return 31 * System.identityHashCode(first) + System.identityHashCode(second);
  }
}
