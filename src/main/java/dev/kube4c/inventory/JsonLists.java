package dev.kube4c.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Lists in objects as written: a field where Kubernetes wants a list may hold a mapping or a scalar
 * in a broken manifest (the API server would refuse it). Rules that walk such a field by index get
 * an empty list instead, so that a malformed object yields no finding from that field, never a
 * crash (found by fuzzing).
 */
public final class JsonLists {

  private JsonLists() {}

  /** {@code node} when it is an array, otherwise a node with no elements. */
  public static JsonNode of(JsonNode node) {
    return node != null && node.isArray() ? node : MissingNode.getInstance();
  }
}
