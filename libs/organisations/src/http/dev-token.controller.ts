import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { type IssuedToken, Public } from '@schakel/platform';
import { type DemoEmployee, SignInService } from '../sign-in/sign-in.service';

/**
 * The built-in development issuer: a token for a seeded employee by username alone, and the list
 * of those employees for the web app's demo sign-in. Outside production only; in production both
 * routes answer 404 as if they did not exist.
 */
@Controller('auth/dev')
export class DevTokenController {
  constructor(private readonly signIn: SignInService) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  token(@Body() body: unknown): Promise<IssuedToken> {
    return this.signIn.devToken(body);
  }

  @Public()
  @Get('employees')
  employees(): Promise<DemoEmployee[]> {
    return this.signIn.demoEmployees();
  }
}
