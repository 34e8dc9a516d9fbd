/* jd-village-at.h: a person's managing village on a day, in SQL
 *
 * docs/contract.md §3 "move": a person's managing village on a day is the
 * village of their latest move on or before that day, else person.village_id
 * (their village before any move). Every query that means "the person's
 * village" builds on these two fragments, so the rule lives in one place.
 * They are string literals, pasted into a statement's text; P is the alias
 * of a person row, V, DAY and LAST are SQL expressions (parameters such as
 * ":village", or columns).
 */
#pragma once

/* The id of P's managing village on DAY: one probe of the move table's
 * unique index (person_id, moved_on). */
#define JD_SQL_VILLAGE_AT(P, DAY)                                                                  \
  "coalesce((SELECT mv.village_id FROM move mv WHERE mv.person_id = " P ".id"                      \
  " AND mv.moved_on <= " DAY " ORDER BY mv.moved_on DESC LIMIT 1), " P ".village_id)"

/* Whether P's managing village on DAY is V. The persons are found through
 * the indexes person_village and move_village (those who started in V or
 * moved to V on or before LAST, a day no earlier than any DAY), then each is
 * checked with JD_SQL_VILLAGE_AT; LAST is DAY itself when DAY is one day. */
#define JD_SQL_IN_VILLAGE_AT(P, V, DAY, LAST)                                                      \
  "(" P ".id IN (SELECT vp.id FROM person vp WHERE vp.village_id = " V                             \
  " UNION ALL SELECT vm.person_id FROM move vm WHERE vm.village_id = " V                           \
  " AND vm.moved_on <= " LAST ") AND " JD_SQL_VILLAGE_AT (P, DAY) " = " V ")"
