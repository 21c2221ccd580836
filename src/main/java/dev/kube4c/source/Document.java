package dev.kube4c.source;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One parsed object of the input (a YAML document, a JSON file, or an item of a List) and where it
 * starts.
 */
public record Document(ObjectNode tree, Location location) {}
