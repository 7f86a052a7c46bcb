package org.coordo.federation;

/** Where a follow relation stands. Followers are pending or accepted; follows we sent may also be rejected. */
public enum FollowState {
  PENDING,
  ACCEPTED,
  REJECTED
}
