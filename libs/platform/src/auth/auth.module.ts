import { Global, Module } from '@nestjs/common';
import { LocalTokenService } from './local-token.service';
import { RemoteJwksVerifier } from './remote-jwks.verifier';

@Global()
@Module({
  providers: [LocalTokenService, RemoteJwksVerifier],
  exports: [LocalTokenService, RemoteJwksVerifier],
})
export class AuthModule {}
