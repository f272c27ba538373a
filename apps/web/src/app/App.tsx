import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { OidcCallbackPage, OidcPopupPage } from '../auth/OidcCallbackPage';
import { POPUP_PATH, REDIRECT_PATH } from '../auth/oidc';
import { SessionExpiredDialog } from '../auth/SessionExpiredDialog';
import { useSession } from '../auth/session';
import { SignInPage } from '../auth/SignInPage';
import { Layout } from './Layout';
import { ACTION_LIST_ROLES, DRAFT_ROLES, SIGN_ROLES } from '../action-lists/roles';
import { CASE_ROLES, hasRole, MeProvider, RECEIVER_ROLES, type CurrentUser } from './me';
import { NotFoundPage, OtherRolePage } from './StaticPages';
import { REPORT_ROLES, STORY_WRITE_ROLES } from '../reports/roles';

// One chunk per screen, so the sign-in page loads quickly; the action-list screens (and with them
// the signing core) load only for secretarissen and beleid. Report screens slot in here too.
const HandoffListPage = lazy(() => import('../handoffs/HandoffListPage'));
const NewReferralPage = lazy(() => import('../referrals/NewReferralPage'));
const SocialeKaartPage = lazy(() => import('../doors/SocialeKaartPage'));
const DoorEditPage = lazy(() => import('../doors/DoorEditPage'));
const ReferralPage = lazy(() => import('../referrals/ReferralPage'));
const CallbackDayPage = lazy(() => import('../callbacks/CallbackDayPage'));
const CallbackLetterPage = lazy(() => import('../callbacks/CallbackLetterPage'));
const CallbackCapacityPage = lazy(() => import('../callbacks/CallbackCapacityPage'));
const NotificationsPage = lazy(() => import('../notifications/NotificationsPage'));
const BundlesPage = lazy(() => import('../bundles/BundlesPage'));
const NewBundlePage = lazy(() => import('../bundles/NewBundlePage'));
const BundlePage = lazy(() => import('../bundles/BundlePage'));
const ActionListsPage = lazy(() => import('../action-lists/ActionListsPage'));
const ActionListPage = lazy(() => import('../action-lists/ActionListPage'));
const ActionListDraftPage = lazy(() => import('../action-lists/ActionListDraftPage'));
const SigningKeysPage = lazy(() => import('../action-lists/SigningKeysPage'));
const ReportsLayout = lazy(() => import('../reports/ReportsLayout'));
const BottleneckReportPage = lazy(() => import('../reports/BottleneckReportPage'));
const ExecutionReportPage = lazy(() => import('../reports/ExecutionReportPage'));
const LearningStoriesPage = lazy(() => import('../reports/LearningStoriesPage'));
const NewLearningStoryPage = lazy(() => import('../reports/NewLearningStoryPage'));
const ProposalsPage = lazy(() => import('../reports/ProposalsPage'));
const NewProposalPage = lazy(() => import('../reports/NewProposalPage'));
const YearReportPage = lazy(() => import('../reports/YearReportPage'));

function Loading() {
  return (
    <Paragraph role="status" className="schakel-muted">
      Laden…
    </Paragraph>
  );
}

function home(user: CurrentUser): string {
  if (hasRole(user, RECEIVER_ROLES)) return '/inkomend';
  if (hasRole(user, CASE_ROLES)) return '/uitgaand';
  if (hasRole(user, ACTION_LIST_ROLES)) return '/actielijsten';
  if (hasRole(user, REPORT_ROLES)) return '/rapportages';
  return '/meldingen';
}

function SignedInRoutes({ user }: { user: CurrentUser }) {
  const isCase = hasRole(user, CASE_ROLES);
  const actionLists = hasRole(user, ACTION_LIST_ROLES);
  const drafts = hasRole(user, DRAFT_ROLES);
  const reports = hasRole(user, REPORT_ROLES);
  const stories = hasRole(user, STORY_WRITE_ROLES);
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<Navigate to={home(user)} replace />} />
          <Route path="inkomend" element={isCase ? <HandoffListPage direction="INCOMING" /> : <OtherRolePage />} />
          <Route path="uitgaand" element={isCase ? <HandoffListPage direction="OUTGOING" /> : <OtherRolePage />} />
          <Route path="nieuw" element={isCase ? <NewReferralPage /> : <OtherRolePage />} />
          <Route path="sociale-kaart" element={isCase || hasRole(user, ["BEHEERDER"]) ? <SocialeKaartPage /> : <OtherRolePage />} />
          <Route path="sociale-kaart/loketten/:id" element={hasRole(user, ["COORDINATOR", "BEHEERDER"]) ? <DoorEditPage /> : <OtherRolePage />} />
          <Route path="doorverwijzingen/:id" element={isCase ? <ReferralPage /> : <OtherRolePage />} />
          <Route path="terugbellen" element={hasRole(user, ["BEHANDELAAR", "COORDINATOR"]) ? <CallbackDayPage /> : <OtherRolePage />} />
          <Route path="terugbellen/briefje/:id" element={isCase ? <CallbackLetterPage /> : <OtherRolePage />} />
          <Route path="sociale-kaart/loketten/:id/terugbellen" element={hasRole(user, ["COORDINATOR"]) ? <CallbackCapacityPage /> : <OtherRolePage />} />
          <Route path="bundels" element={isCase ? <BundlesPage /> : <OtherRolePage />} />
          <Route path="bundels/nieuw" element={isCase ? <NewBundlePage /> : <OtherRolePage />} />
          <Route path="bundels/:id" element={isCase ? <BundlePage /> : <OtherRolePage />} />
          <Route path="actielijsten" element={actionLists ? <ActionListsPage /> : <OtherRolePage />} />
          <Route path="actielijsten/nieuw" element={drafts ? <ActionListDraftPage /> : <OtherRolePage />} />
          <Route path="actielijsten/sleutels" element={hasRole(user, SIGN_ROLES) ? <SigningKeysPage /> : <OtherRolePage />} />
          <Route path="actielijsten/:id" element={actionLists ? <ActionListPage /> : <OtherRolePage />} />
          <Route path="actielijsten/:id/bewerken" element={drafts ? <ActionListDraftPage /> : <OtherRolePage />} />
          <Route path="rapportages" element={reports ? <ReportsLayout /> : <OtherRolePage />}>
            <Route index element={<Navigate to="knelpunten" replace />} />
            <Route path="knelpunten" element={<BottleneckReportPage />} />
            <Route path="uitvoering" element={<ExecutionReportPage />} />
            <Route path="leerverhalen" element={<LearningStoriesPage />} />
            <Route path="agenda" element={<ProposalsPage />} />
            <Route path="agenda/nieuw" element={<NewProposalPage />} />
            <Route path="jaarrapport" element={<YearReportPage />} />
          </Route>
          <Route path="leerverhalen" element={stories ? <LearningStoriesPage /> : <OtherRolePage />} />
          <Route path="leerverhalen/nieuw" element={stories ? <NewLearningStoryPage /> : <OtherRolePage />} />
          <Route path="meldingen" element={<NotificationsPage />} />
          <Route path="inloggen/*" element={<Navigate to={home(user)} replace />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

export function App() {
  const { session, expired, generation } = useSession();
  return (
    <Routes>
      <Route path={REDIRECT_PATH} element={<OidcCallbackPage />} />
      <Route path={POPUP_PATH} element={<OidcPopupPage />} />
      <Route
        path="*"
        element={
          session ? (
            <>
              <MeProvider
                key={generation}
                loading={
                  <main id="inhoud" className="schakel-main" tabIndex={-1}>
                    <Heading1>Schakel</Heading1>
                    <Loading />
                  </main>
                }
              >
                {(user) => <SignedInRoutes user={user} />}
              </MeProvider>
              <SessionExpiredDialog open={expired} />
            </>
          ) : (
            <SignInPage />
          )
        }
      />
    </Routes>
  );
}
