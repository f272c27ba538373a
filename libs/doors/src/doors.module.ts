import { Module } from '@nestjs/common';

/** Sociale kaart (doors with topics, service area, reach, checklist, norm; HSDS 3.0 export; ranking) and callbacks booked at the desk (capacity slots, bookings, afsprakenbriefje): the rules, shared by the API and the worker. */
@Module({})
export class DoorsModule {}
