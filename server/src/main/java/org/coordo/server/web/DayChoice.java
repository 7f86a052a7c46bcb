package org.coordo.server.web;

/**
 * A day of action the event form offers (issue 17).
 *
 * @param value the day's id (its ActivityPub URI), what the form sends
 * @param label what the member reads: its date, theme and collective
 */
public record DayChoice(String value, String label) {}
