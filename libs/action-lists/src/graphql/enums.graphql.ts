import { registerEnumType } from '@nestjs/graphql';
import { enumFrom } from '@schakel/platform';
import { ITEM_STATUSES, KEY_STATUSES, SIGNATURE_INTENTS, VERSION_STATUSES } from '../action-list.enums';

export const ActionListVersionStatusEnum = enumFrom(VERSION_STATUSES);
export const ActionItemStatusEnum = enumFrom(ITEM_STATUSES);
export const SignatureIntentEnum = enumFrom(SIGNATURE_INTENTS);
export const SigningKeyStatusEnum = enumFrom(KEY_STATUSES);

registerEnumType(ActionListVersionStatusEnum, {
  name: 'ActionListVersionStatus',
  description: 'DRAFT → OPEN_FOR_SIGNING → FINAL, of DECLINED; SUPERSEDED zodra een latere versie haar vervangt.',
});
registerEnumType(ActionItemStatusEnum, { name: 'ActionItemStatus', description: 'Voortgang van een actie van een definitieve lijst.' });
registerEnumType(SignatureIntentEnum, { name: 'SignatureIntent', description: 'APPROVE: ondertekenen; DECLINE: afwijzen (met reden).' });
registerEnumType(SigningKeyStatusEnum, { name: 'SigningKeyStatus', description: 'Stand van een sleutel op het moment van ondertekenen.' });
