// The web vote import's reading of a file (pure): header names in German and English, rating words, times, row
// errors naming the row, and the keys that make a re-import add nothing.
import { describe, expect, it } from 'vitest';
import { findVoteColumns, keySources, parseRating, parseVoteTime, readVoteRow } from '../../main/domain/barometer-import.ts';

describe('reading web votes', () => {
  it('finds the columns by German or English header names', () => {
    expect(findVoteColumns(['Stimm-ID', 'Zeitpunkt', 'Bewertung', 'Fachbereich'])).toEqual({ voteId: 0, time: 1, rating: 2, department: 3 });
    expect(findVoteColumns(['Comment', 'Rating', 'Time'])).toEqual({ voteId: null, time: 2, rating: 1, department: null });
    expect(findVoteColumns(['Name', 'Text']).rating).toBeNull();
  });

  it('reads German and English words, 1/2/3 and smileys as ratings, and nothing else', () => {
    for (const word of ['gut', 'Good', ' 1 ', '1.0', '🙂', '☺️', 'happy', 'Gut!']) expect(parseRating(word), word).toBe('good');
    for (const word of ['geht so', 'OK', 'okay', '2', 'neutral', '😐']) expect(parseRating(word), word).toBe('okay');
    for (const word of ['Könnte besser sein', 'could  be better', '3', 'sad', ':(', '🙁']) expect(parseRating(word), word).toBe('could_be_better');
    for (const word of ['', 'prima', '4', '0', 'gutt']) expect(parseRating(word), word).toBeNull();
  });

  it('reads ISO, zoned, German and date-only times; impossible dates are none', () => {
    expect(parseVoteTime('2027-04-20T10:15:00')).toEqual(new Date(2027, 3, 20, 10, 15));
    expect(parseVoteTime('2027-04-20 10:15')).toEqual(new Date(2027, 3, 20, 10, 15));
    expect(parseVoteTime('2027-04-20T08:15:00Z')).toEqual(new Date('2027-04-20T08:15:00Z'));
    expect(parseVoteTime('20.04.2027 10:15')).toEqual(new Date(2027, 3, 20, 10, 15));
    expect(parseVoteTime('20.04.2027')).toEqual(new Date(2027, 3, 20, 12));
    for (const text of ['', '2027-02-30', '31.04.2027', 'gestern', '2027-04-20T25:00']) expect(parseVoteTime(text), text).toBeNull();
  });

  it('names the row and the value of a row it cannot read', () => {
    const columns = findVoteColumns(['Time', 'Rating', 'Department']);
    const departments = new Map([['bürgerbüro', 7]]);
    const now = new Date(2027, 3, 26, 9);
    expect(readVoteRow(['2027-04-20T10:00', 'prima', ''], columns, 4, departments, now)).toEqual({ error: { code: 'vote_rating_unknown', details: { row: 4, value: 'prima' } } });
    expect(readVoteRow(['soon', 'gut', ''], columns, 5, departments, now).error?.code).toBe('vote_time_invalid');
    expect(readVoteRow(['2027-04-27T10:00', 'gut', ''], columns, 6, departments, now).error?.code).toBe('vote_in_future');
    expect(readVoteRow(['2027-04-20T10:00', 'gut', 'Bauamt'], columns, 7, departments, now).error).toEqual({ code: 'vote_department_unknown', details: { row: 7, value: 'Bauamt' } });
    expect(readVoteRow(['2027-04-20T10:00', 'gut', 'BÜRGERBÜRO'], columns, 8, departments, now).vote).toMatchObject({ rating: 'good', departmentId: 7, voteId: null });
  });

  it('keys rows by their id, else by content and occurrence (identical rows stay apart, the same rows get the same keys)', () => {
    const columns = findVoteColumns(['Time', 'Rating', 'ID']);
    const now = new Date(2027, 3, 26, 9);
    const read = (rows: string[][]) => keySources(rows.map((cells, i) => readVoteRow(cells, columns, i + 2, new Map(), now).vote!));
    const rows = [['2027-04-20T10:00', 'gut', ''], ['2027-04-20T10:00', 'good', ''], ['2027-04-20T10:00', 'okay', 'v-9']];
    const keys = read(rows);
    expect(keys[2]).toBe('web:id:v-9');
    expect(keys[0]).not.toBe(keys[1]);
    expect(read(rows)).toEqual(keys);
    // A grown export: the earlier rows keep their keys.
    expect(read([...rows, ['2027-04-20T10:00', '1', '']]).slice(0, 3)).toEqual(keys);
  });
});
