package org.coordo.federation;

import io.vertx.core.json.JsonObject;
import java.net.URI;

/**
 * A fetched JSON document.
 *
 * @param finalUrl the URL that answered, after redirects
 * @param json the document
 */
public record FetchedJson(URI finalUrl, JsonObject json) {}
