import { Controller, Get } from '@nestjs/common';
import { Public } from '@schakel/platform';
import { type SignInConfiguration, SignInService } from '../sign-in/sign-in.service';

/** What the web app's sign-in page needs before anyone is signed in: public, and no secrets. */
@Controller('auth')
export class AuthConfigController {
  constructor(private readonly signIn: SignInService) {}

  @Public()
  @Get('config')
  config(): Promise<SignInConfiguration> {
    return this.signIn.configuration();
  }
}
