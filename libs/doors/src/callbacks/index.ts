// Callbacks booked at the desk: what the doors lib exports of it.
export { CallbacksModule } from './callbacks.module';
export { CallbacksApiModule } from './callbacks-api.module';
export { seedDemoCallbackCapacity, DEMO_CALLBACK_DOOR_IDS, DEMO_CALLBACK_PLACES } from './demo-capacity';
