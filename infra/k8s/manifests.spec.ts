import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, type IContainer, type IPodSpec, Service, ServiceAccount } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';

/**
 * Every kustomization under infra/k8s rendered with `kubectl kustomize` (no cluster needed) and
 * every object validated against the Kubernetes OpenAPI schemas by kubernetes-models; then the
 * rules of issue 14 that a schema cannot express.
 */
const K8S = __dirname;
type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; spec?: unknown; data?: Record<string, string> };

const VALIDATORS: Record<string, (m: Manifest) => void> = {
  'v1/ConfigMap': (m) => new ConfigMap(m as ConstructorParameters<typeof ConfigMap>[0]).validate(),
  'v1/Service': (m) => new Service(m as ConstructorParameters<typeof Service>[0]).validate(),
  'v1/ServiceAccount': (m) => new ServiceAccount(m as ConstructorParameters<typeof ServiceAccount>[0]).validate(),
  'apps/v1/Deployment': (m) => new Deployment(m as ConstructorParameters<typeof Deployment>[0]).validate(),
  'autoscaling/v2/HorizontalPodAutoscaler': (m) => new HorizontalPodAutoscaler(m as ConstructorParameters<typeof HorizontalPodAutoscaler>[0]).validate(),
  'batch/v1/Job': (m) => new Job(m as ConstructorParameters<typeof Job>[0]).validate(),
  'networking.k8s.io/v1/Ingress': (m) => new Ingress(m as ConstructorParameters<typeof Ingress>[0]).validate(),
  'networking.k8s.io/v1/NetworkPolicy': (m) => new NetworkPolicy(m as ConstructorParameters<typeof NetworkPolicy>[0]).validate(),
  'policy/v1/PodDisruptionBudget': (m) => new PodDisruptionBudget(m as ConstructorParameters<typeof PodDisruptionBudget>[0]).validate(),
};

function kustomizations(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...kustomizations(path));
    else if (name === 'kustomization.yaml') found.push(dir);
  }
  return found.sort();
}

function render(dir: string): Manifest[] {
  const out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
  return parseAllDocuments(out).map((d) => d.toJS() as Manifest);
}

function podSpec(m: Manifest): IPodSpec | undefined {
  if (m.kind === 'Deployment') return (m as unknown as Deployment).spec?.template.spec;
  if (m.kind === 'Job') return (m as unknown as Job).spec?.template.spec;
  return undefined;
}

const dirs = kustomizations(K8S);
const overlays = dirs.filter((d) => relative(K8S, d).startsWith('overlays/'));

describe('Kubernetes manifests (infra/k8s)', () => {
  it('has an acceptance and a production overlay, each with its migrations', () => {
    expect(overlays.map((d) => relative(K8S, d))).toEqual(['overlays/acceptatie', 'overlays/acceptatie/migrations', 'overlays/productie', 'overlays/productie/migrations']);
  });

  describe.each(dirs.map((d) => [relative(K8S, d), d]))('%s', (_name, dir) => {
    const manifests = render(dir);

    it('renders objects that are valid Kubernetes objects', () => {
      expect(manifests.length).toBeGreaterThan(0);
      for (const m of manifests) {
        const validate = VALIDATORS[`${m.apiVersion}/${m.kind}`];
        if (!validate) throw new Error(`${m.apiVersion} ${m.kind} ${m.metadata.name}: no validator; add it to VALIDATORS`);
        expect(() => validate(m)).not.toThrow();
      }
    });

    it('runs every container as non-root on a read-only root filesystem, with requests and a memory limit', () => {
      for (const m of manifests) {
        const pod = podSpec(m);
        if (!pod) continue;
        expect(pod.securityContext?.runAsNonRoot).toBe(true);
        expect(pod.automountServiceAccountToken).toBe(false);
        for (const c of pod.containers as IContainer[]) {
          expect({ name: c.name, readOnly: c.securityContext?.readOnlyRootFilesystem, escalation: c.securityContext?.allowPrivilegeEscalation }).toEqual({ name: c.name, readOnly: true, escalation: false });
          expect(c.securityContext?.capabilities?.drop).toEqual(['ALL']);
          expect(c.resources?.requests?.cpu).toBeDefined();
          expect(c.resources?.requests?.memory).toBeDefined();
          expect(c.resources?.limits?.memory).toBeDefined();
        }
      }
    });

    it('takes secrets by reference only and holds no secret values or personal data', () => {
      expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
      const text = JSON.stringify(manifests);
      expect(text).not.toMatch(/postgres(ql)?:\/\/|rediss?:\/\/|SECRET=|_KEY=|password/i);
      // No BSN-like numbers (9 digits) anywhere.
      expect(text).not.toMatch(/(?<!\d)\d{9}(?!\d)/);
      for (const m of manifests.filter((x) => x.kind === 'ConfigMap')) {
        expect(Object.keys(m.data ?? {}).filter((k) => /SECRET|KEY|PASSWORD|_URL$/.test(k))).toEqual([]);
      }
    });
  });

  describe.each(overlays.filter((d) => !d.endsWith('migrations')).map((d) => [relative(K8S, d), d]))('%s (apps)', (_name, dir) => {
    const manifests = render(dir);
    const named = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);

    it('has probes on the health endpoints for the api and the worker', () => {
      for (const [name, port] of [['schakel-api', 'http'], ['schakel-worker', 'health']] as const) {
        const container = (named('Deployment', name) as unknown as Deployment).spec!.template.spec!.containers[0];
        expect(container.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port });
        expect(container.livenessProbe?.httpGet).toEqual({ path: '/health/live', port });
        expect(container.startupProbe?.httpGet).toEqual({ path: '/health/live', port });
      }
    });

    it('scales the api and the worker, keeps one of each through disruptions and rolls without losing capacity', () => {
      for (const name of ['schakel-api', 'schakel-worker']) {
        expect((named('HorizontalPodAutoscaler', name) as unknown as HorizontalPodAutoscaler).spec?.minReplicas).toBeGreaterThanOrEqual(2);
        expect((named('PodDisruptionBudget', name) as unknown as PodDisruptionBudget).spec?.minAvailable).toBe(1);
        expect((named('Deployment', name) as unknown as Deployment).spec?.strategy?.rollingUpdate?.maxUnavailable).toBe(0);
      }
    });

    it('denies all traffic but ingress to the api and web, and egress to PostgreSQL, Redis and DNS', () => {
      const policies = manifests.filter((m) => m.kind === 'NetworkPolicy') as unknown as NetworkPolicy[];
      expect(policies.find((p) => p.metadata?.name === 'schakel-default-deny')?.spec?.policyTypes).toEqual(['Ingress', 'Egress']);
      const egress = policies.flatMap((p) => p.spec?.egress ?? []);
      expect(egress.flatMap((e) => (e.ports ?? []).map((p) => p.port)).sort()).toEqual([26379, 53, 53, 5432, 6379]);
      expect(egress.flatMap((e) => e.to ?? []).some((t) => t.ipBlock?.cidr === '0.0.0.0/0')).toBe(false);
    });
  });
});
