package org.coordo.federation.sig;

/**
 * Who signed a request whose signature verified.
 *
 * @param keyId the key id the signature named
 * @param ownerActorId the actor owning that key: the caller must still check that this is the activity's
 *     actor (or allowed to act for it) and that the key's document agrees
 * @param scheme the scheme the sender used (remember it per origin when double-knocking)
 */
public record VerifiedSigner(String keyId, String ownerActorId, SignatureScheme scheme) {}
