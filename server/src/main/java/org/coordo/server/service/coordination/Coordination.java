package org.coordo.server.service.coordination;

/**
 * Membership of the national coordination (issue 17), as the node assembly builds it.
 *
 * @param national on a national node: its members and the requests to join; else null
 * @param mobilisation on a national node: the dashboard; else null
 * @param joins on every node: its collectives' requests to join a coordination
 */
public record Coordination(CoordinationService national, MobilisationService mobilisation, JoinService joins) {}
