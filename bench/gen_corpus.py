#!/usr/bin/env python3
"""Writes a deterministic synthetic platform monorepo for benchmarks.

About 60% Kubernetes YAML (every workload kind, Services, PDBs, HPAs,
ConfigMaps, Secrets, Nodes; multi-document files of 1-15 KB, with probes,
resources, security contexts and tolerations present or missing, some literal
secrets), 15% Terraform (EKS/GKE/AKS node pools with taints and labels,
security groups, databases), 10% Dockerfiles (multi-stage, heredocs,
continuations), 5% Helm values and compose files, 5% Markdown with fenced
blocks, 5% noise (node_modules, invalid YAML, Helm templates). Workloads
target the declared pools and sometimes pools that do not exist; PDBs and
Services match their workloads or not.

Usage: gen_corpus.py --files 10000 --seed 1 --out bench/corpus-10000
"""

import argparse
import os
import random

POOLS = [("general", {"pool": "general"}, []),
         ("gpu", {"pool": "gpu"}, [("nvidia.com/gpu", "true", "NO_SCHEDULE")]),
         ("batch", {"pool": "batch", "lifecycle": "spot"}, [("batch", "true", "NO_EXECUTE")])]
KINDS = ["Deployment", "Deployment", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicaSet", "Pod"]
IMAGES = ["nginx:1.27.2", "nginx", "redis:7.4", "postgres:16.4", "shop/api:latest", "ghcr.io/acme/worker:2.3.1",
          "registry.internal:5000/team/app", "busybox@sha256:1e42bbe2508154c9126d48c2b8a75420c3544343bf86fd041fb7527e017a4b4a"]


class Corpus:
    def __init__(self, out, seed):
        self.out = out
        self.rng = random.Random(seed)
        self.count = 0

    def write(self, path, text):
        full = os.path.join(self.out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)
        self.count += 1

    def chance(self, p):
        return self.rng.random() < p

    def pick(self, items):
        return self.rng.choice(items)


def indent(text, n):
    pad = " " * n
    return "".join(pad + line + "\n" if line else "\n" for line in text.splitlines())


def container(c, name, init=False):
    lines = [f"- name: {name}", f"  image: {c.pick(IMAGES)}"]
    if c.chance(0.3):
        lines.append(f"  imagePullPolicy: {c.pick(['Always', 'IfNotPresent'])}")
    lines.append("  ports:\n    - containerPort: 8080")
    if c.chance(0.7):
        req_cpu = c.pick(["100m", "250m", "500m", "1"])
        lim_cpu = c.pick(["500m", "1", "2", "200m"])
        lines.append("  resources:")
        lines.append(f"    requests: {{cpu: {req_cpu}, memory: {c.pick(['128Mi', '256Mi', '1Gi'])}}}")
        if c.chance(0.8):
            lines.append(f"    limits: {{cpu: \"{lim_cpu}\", memory: {c.pick(['256Mi', '512Mi', '1G'])}}}")
    if not init and c.chance(0.6):
        lines.append("  livenessProbe:\n    httpGet: {path: /healthz, port: 8080}\n    periodSeconds: 10")
    if not init and c.chance(0.6):
        lines.append("  readinessProbe:\n    httpGet: {path: /ready, port: 8080}")
    if c.chance(0.6):
        lines.append("  securityContext:")
        lines.append(f"    allowPrivilegeEscalation: {c.pick(['false', 'false', 'true'])}")
        if c.chance(0.1):
            lines.append("    privileged: true")
        if c.chance(0.1):
            lines.append("    runAsUser: 0")
    env = []
    for i in range(c.rng.randint(0, 6)):
        env.append(f"    - name: SETTING_{i}\n      value: \"value-{i}\"")
    if c.chance(0.08):
        env.append("    - name: DB_PASSWORD\n      value: hunter2-" + str(c.rng.randint(1000, 9999)))
    if c.chance(0.5):
        env.append("    - name: API_TOKEN\n      valueFrom:\n        secretKeyRef: {name: api, key: token}")
    if env:
        lines.append("  env:")
        lines.extend(env)
    return "\n".join(lines)


def pod_spec(c, app):
    lines = []
    if c.chance(0.5):
        lines.append("securityContext:\n  runAsNonRoot: true\n  runAsUser: 10001")
    if c.chance(0.4):
        target = c.pick(["general", "gpu", "batch", "highmem"])
        lines.append(f"nodeSelector:\n  pool: {target}")
        if target == "gpu" and c.chance(0.6):
            lines.append("tolerations:\n  - {key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}")
        elif target == "batch" and c.chance(0.6):
            lines.append("tolerations:\n  - {key: batch, operator: Equal, value: \"true\", effect: NoExecute}")
        elif c.chance(0.2):
            lines.append("tolerations:\n  - {key: application, operator: Equal, value: \"true\", effect: NoSchedule}")
    if c.chance(0.2):
        lines.append("automountServiceAccountToken: false")
    if c.chance(0.05):
        lines.append("hostNetwork: true")
    if c.chance(0.3):
        lines.append("initContainers:\n" + indent(container(c, "init", init=True), 2).rstrip("\n"))
    containers = "\n".join(indent(container(c, f"{app}-{i}" if i else app), 2).rstrip("\n") for i in range(c.rng.randint(1, 3)))
    lines.append("containers:\n" + containers)
    return "\n".join(lines)


def workload(c, kind, app, ns):
    labels = f"app: {app}\n" + ("app.kubernetes.io/name: " + app + "\n" if c.chance(0.5) else "")
    meta = f"apiVersion: {'batch/v1' if kind in ('Job', 'CronJob') else 'v1' if kind == 'Pod' else 'apps/v1'}\nkind: {kind}\nmetadata:\n  name: {app}\n  namespace: {ns}\n  labels:\n{indent(labels, 4)}"
    spec = pod_spec(c, app)
    if kind == "Pod":
        restart = "restartPolicy: Never\n" if c.chance(0.3) else ""
        return meta + "spec:\n" + indent(restart + spec, 2)
    template = "template:\n  metadata:\n    labels:\n" + indent(labels, 6) + "  spec:\n" + indent(spec, 4)
    if kind == "CronJob":
        return meta + "spec:\n  schedule: \"*/15 * * * *\"\n  jobTemplate:\n    spec:\n" + indent(template.replace("  spec:\n", "  spec:\n    restartPolicy: OnFailure\n", 1), 6)
    head = ""
    if kind in ("Deployment", "StatefulSet", "ReplicaSet"):
        head = f"replicas: {c.pick([1, 2, 3, 3, 5])}\nselector:\n  matchLabels:\n    app: {app}\n"
    if kind == "Job":
        template = template.replace("  spec:\n", "  spec:\n    restartPolicy: Never\n", 1)
    return meta + "spec:\n" + indent(head + template, 2)


def companions(c, app, ns):
    docs = []
    if c.chance(0.7):
        target = app if c.chance(0.85) else app + "-old"
        docs.append(f"apiVersion: v1\nkind: Service\nmetadata:\n  name: {app}\n  namespace: {ns}\nspec:\n  selector:\n    app: {target}\n  ports:\n    - port: 80\n      targetPort: 8080\n")
    if c.chance(0.4):
        target = app if c.chance(0.8) else app + "-x"
        budget = c.pick(["maxUnavailable: 1", "minAvailable: 1", "maxUnavailable: 0", "minAvailable: 3", "minAvailable: \"50%\""])
        docs.append(f"apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: {app}\n  namespace: {ns}\nspec:\n  {budget}\n  selector:\n    matchLabels:\n      app: {target}\n")
    if c.chance(0.3):
        docs.append(f"apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: {app}\n  namespace: {ns}\nspec:\n  scaleTargetRef: {{apiVersion: apps/v1, kind: Deployment, name: {app}}}\n  minReplicas: {c.pick([1, 2, 3])}\n  maxReplicas: 10\n")
    if c.chance(0.5):
        data = "".join(f"  key_{i}: \"{'x' * c.rng.randint(10, 400)}\"\n" for i in range(c.rng.randint(2, 25)))
        if c.chance(0.1):
            data += "  SMTP_PASSWORD: mail-" + str(c.rng.randint(10000, 99999)) + "\n"
        docs.append(f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {app}-config\n  namespace: {ns}\ndata:\n{data}")
    if c.chance(0.05):
        docs.append(f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {app}-secret\n  namespace: {ns}\ntype: Opaque\ndata:\n  password: aHVudGVyMg==\n")
    return docs


def k8s_file(c, i):
    team = f"team-{i % 23}"
    ns = c.pick(["shop", "payments", "search", team])
    docs = []
    for j in range(c.rng.randint(1, 4)):
        app = f"svc-{i}-{j}"
        docs.append(workload(c, c.pick(KINDS), app, ns))
        docs.extend(companions(c, app, ns))
    if c.chance(0.02):
        docs.append(f"apiVersion: v1\nkind: Node\nmetadata:\n  name: node-{i}\n  labels:\n    pool: general\nspec:\n  taints: []\n")
    c.write(f"apps/{team}/svc-{i}/k8s/manifests.yaml", "---\n".join(docs))


def terraform_file(c, i):
    blocks = []
    for name, labels, taints in POOLS:
        if c.chance(0.5):
            label_text = "".join(f"    {k} = \"{v}\"\n" for k, v in labels.items())
            taint_text = "".join(f"  taint {{\n    key    = \"{k}\"\n    value  = \"{v}\"\n    effect = \"{e}\"\n  }}\n" for k, v, e in taints)
            blocks.append(f"resource \"aws_eks_node_group\" \"{name}_{i}\" {{\n  cluster_name    = \"prod\"\n  node_group_name = \"{name}\"\n  labels = {{\n{label_text}  }}\n{taint_text}  scaling_config {{\n    desired_size = 3\n    max_size     = 10\n    min_size     = 1\n  }}\n}}\n")
    if c.chance(0.2):
        blocks.append(f"resource \"google_container_node_pool\" \"pool_{i}\" {{\n  name = \"gke-{i}\"\n  node_config {{\n    machine_type = \"e2-standard-4\"\n    labels = {{ pool = \"general\" }}\n  }}\n}}\n")
    if c.chance(0.2):
        blocks.append(f"resource \"azurerm_kubernetes_cluster_node_pool\" \"pool_{i}\" {{\n  name        = \"aks{i}\"\n  node_labels = {{ pool = \"batch\" }}\n  node_taints = [\"batch=true:NoExecute\"]\n}}\n")
    port = c.pick([443, 80, 22, 5432, 0])
    protocol = "-1" if port == 0 else "tcp"
    cidr = c.pick(["10.0.0.0/8", "0.0.0.0/0"])
    blocks.append(f"resource \"aws_security_group\" \"sg_{i}\" {{\n  name   = \"sg-{i}\"\n  vpc_id = var.vpc_id\n  ingress {{\n    from_port   = {port}\n    to_port     = {port}\n    protocol    = \"{protocol}\"\n    cidr_blocks = [\"{cidr}\"]\n  }}\n  egress {{\n    from_port   = 0\n    to_port     = 0\n    protocol    = \"-1\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }}\n  tags = local.tags\n}}\n")
    if c.chance(0.5):
        encrypted = c.pick(["true", "true", "false"])
        public = c.pick(["false", "false", "true"])
        password = "var.db_password" if c.chance(0.9) else "\"Sup3rS3cret!\""
        blocks.append(f"resource \"aws_db_instance\" \"db_{i}\" {{\n  identifier          = \"db-{i}\"\n  engine              = \"postgres\"\n  instance_class      = \"db.t3.medium\"\n  storage_encrypted   = {encrypted}\n  publicly_accessible = {public}\n  username            = \"app\"\n  password            = {password}\n}}\n")
    c.write(f"infra/stack-{i}/main.tf", "\n".join(blocks))


def dockerfile(c, i):
    base = c.pick(["node:20-alpine", "python:3.12-slim", "golang:1.23", "ubuntu", "alpine:latest"])
    user = c.pick(["USER 10001\n", "USER app\n", "", "USER root\n"])
    text = f"# syntax=docker/dockerfile:1.7\nARG VERSION=1.0.{i}\nFROM {base} AS build\nWORKDIR /src\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends \\\n       ca-certificates \\\n       curl \\\n    && rm -rf /var/lib/apt/lists/*\nCOPY . .\nRUN <<EOF\nset -e\nmake build VERSION=$VERSION\nmake test\nEOF\nFROM gcr.io/distroless/base-debian12 AS runtime\nCOPY --from=build --chown=10001:10001 /src/out /app\nEXPOSE 8080\n"
    if c.chance(0.5):
        text += "HEALTHCHECK --interval=30s CMD [\"/app/health\"]\n"
    if c.chance(0.05):
        text += "ENV API_KEY=abcdef0123456789abcdef\n"
    text += user + "ENTRYPOINT [\"/app/server\"]\n"
    c.write(f"services/svc-{i}/Dockerfile", text)


def helm_or_compose(c, i):
    if c.chance(0.5):
        c.write(f"charts/chart-{i}/Chart.yaml", f"apiVersion: v2\nname: chart-{i}\nversion: 0.1.{i}\n")
        password = "values-pass-" + str(i) if c.chance(0.2) else ""
        c.write(f"charts/chart-{i}/values.yaml", f"replicaCount: 2\nimage:\n  repository: shop/app\n  tag: \"1.{i}.0\"\npostgresql:\n  auth:\n    username: app\n    password: \"{password}\"\n    existingSecret: db-credentials\nresources:\n  limits: {{cpu: 500m, memory: 512Mi}}\n")
    else:
        mode = "network_mode: host\n    " if c.chance(0.1) else ""
        c.write(f"compose/stack-{i}/docker-compose.yml", f"services:\n  web:\n    image: shop/web:1.{i}\n    {mode}ports: [\"8080:8080\"]\n    environment:\n      LOG_LEVEL: info\n      DATABASE_PASSWORD: ${{DATABASE_PASSWORD}}\n  worker:\n    build: ./worker\n    user: \"{c.pick(['10001', 'root'])}\"\n    environment:\n      - QUEUE=jobs\n")


def markdown(c, i):
    manifest = workload(c, "Deployment", f"doc-{i}", "docs")
    c.write(f"docs/design-{i}.md", f"# Design {i}\n\nThe service runs as follows.\n\n```yaml\n{manifest}```\n\nAnd its image:\n\n```dockerfile\nFROM node:20-alpine\nUSER node\n```\n\n```mermaid\ngraph TB\n  A --> B\n```\n")


def noise(c, i):
    kind = i % 3
    if kind == 0:
        c.write(f"node_modules/pkg-{i}/config.yaml", "a: 1\n")
    elif kind == 1:
        c.write(f"broken/invalid-{i}.yaml", "metadata: {name: [\nspec:\n  - a\n b\n")
    else:
        c.write(f"charts/chart-t{i}/Chart.yaml", f"apiVersion: v2\nname: t{i}\nversion: 0.1.0\n")
        c.write(f"charts/chart-t{i}/templates/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    c = Corpus(args.out, args.seed)
    shares = [(k8s_file, 0.60), (terraform_file, 0.15), (dockerfile, 0.10), (helm_or_compose, 0.05), (markdown, 0.05), (noise, 0.05)]
    for generate, share in shares:
        for i in range(int(args.files * share)):
            generate(c, i)
    print(f"wrote {c.count} files to {args.out}")


if __name__ == "__main__":
    main()
