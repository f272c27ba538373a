// Sociale kaart (doors with topics, service area, reach, checklist, norm; HSDS 3.0 export; ranking) and callbacks booked at the desk (capacity slots, bookings, afsprakenbriefje) (issue 13): the public surface of the lib.
export * from './doors.module';
export * from './doors-api.module';
export * from './doors-jobs.module';
