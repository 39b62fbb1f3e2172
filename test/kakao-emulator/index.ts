// Kakao Talk Channel API emulator: a real node:http server for tests, benchmarks and the sandbox.
export { KakaoEmulator } from './server';
export { seedDemo, DEMO_CHANNELS, DEMO_TOKENS, DEMO_USERS, DEMO_FILE_NAME } from './seed';
export { KakaoError, statusForCode } from './errors';
export type { LoginOptions } from './oauth';
export type * from './types';
