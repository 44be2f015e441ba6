/**
 * Rust (cargo), Go and Java (Maven or Gradle, preferring the project's wrapper script) projects: their build tool's
 * own test, build and lint commands.
 */
import { exists } from "./files.js";
import type { JavaBuild, ProjectCommands } from "./types.js";

export interface Findings {
  commands: ProjectCommands;
  evidence: string[];
}

export function detectRust(root: string): Findings | undefined {
  if (!exists(root, "Cargo.toml")) return undefined;
  const commands: ProjectCommands = { build: "cargo build", test: "cargo test" };
  const evidence = ["Cargo.toml"];
  for (const f of ["clippy.toml", ".clippy.toml"]) {
    if (exists(root, f)) {
      commands.lint = "cargo clippy";
      evidence.push(f);
      break;
    }
  }
  return { commands, evidence };
}

export function detectGo(root: string): Findings | undefined {
  if (!exists(root, "go.mod")) return undefined;
  return { commands: { lint: "go vet ./...", build: "go build ./...", test: "go test ./..." }, evidence: ["go.mod"] };
}

export function detectJava(root: string): (Findings & { build: JavaBuild }) | undefined {
  if (exists(root, "pom.xml")) {
    const mvn = exists(root, "mvnw") ? "./mvnw" : "mvn";
    return {
      build: "maven",
      commands: { build: `${mvn} -q compile`, test: `${mvn} -q test` },
      evidence: mvn === "mvn" ? ["pom.xml"] : ["pom.xml", "mvnw"],
    };
  }
  const gradleFile = ["build.gradle.kts", "build.gradle"].find((f) => exists(root, f));
  if (gradleFile === undefined) return undefined;
  const gradle = exists(root, "gradlew") ? "./gradlew" : "gradle";
  return {
    build: "gradle",
    commands: { build: `${gradle} -q build -x test`, test: `${gradle} -q test` },
    evidence: gradle === "gradle" ? [gradleFile] : [gradleFile, "gradlew"],
  };
}
