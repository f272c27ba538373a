// Sociale kaart (doors with topics, service area, reach, checklist, norm; HSDS 3.0 export; ranking) and callbacks booked at the desk (capacity slots, bookings, afsprakenbriefje) (issue 13): the public surface of the lib.
export * from './doors.module';
export * from './doors-api.module';
export * from './doors-jobs.module';
export { DOOR_REACHES, MIN_MEASURED_HANDOFFS, STATS_WINDOW_DAYS, type DoorReach, type DoorRecord, type OpeningHours } from './door.model';
export { DoorsService, DOOR_NOT_FOUND, type DoorView, type DoorMatchView, type DoorNorm } from './doors.service';
export { DoorStatsService } from './stats/door-stats.service';
export { DoorStatsScan } from './stats/door-stats.scan';
export { findDoor } from './store/doors.store';
export { KNOWN_GEMEENTEN, gemeenteName } from './gemeenten';
export { DEMO_DOORS, DEMO_DOOR_IDS, type DemoDoor } from './seed/demo-doors';
export { seedDemoDoors } from './seed/seed-demo-doors';
export * from './callbacks';
