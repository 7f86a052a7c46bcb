package org.coordo.server.service.group;

/**
 * The working-group services of a node, built by the node's assembly: groups and their people, and
 * their planning and board (with the federation of public meetings).
 */
public record WorkingGroups(WorkingGroupService groups, GroupPlanning planning, PublicGroups publicGroups) {}
