package ci

import "strings"

// commandEcosystems maps the first word of a step's command to the
// ecosystem it belongs to.
var commandEcosystems = map[string]string{
	"go": "go", "golangci-lint": "go", "gotestsum": "go",
	"npm": "javascript", "npx": "javascript", "yarn": "javascript", "pnpm": "javascript", "node": "javascript", "bun": "javascript",
	"pytest": "python", "python": "python", "python3": "python", "pip": "python", "ruff": "python", "mypy": "python", "flake8": "python", "tox": "python", "poetry": "python", "uv": "python",
	"mvn": "java", "./mvnw": "java", "gradle": "java", "./gradlew": "java",
	"cargo": "rust",
	"make":  "c", "cmake": "c", "ctest": "c", "gcc": "c", "clang": "c", "ninja": "c",
	"bundle": "ruby", "rspec": "ruby", "rubocop": "ruby", "rake": "ruby", "bin/rails": "ruby",
	"composer": "php", "php": "php", "vendor/bin/phpunit": "php",
	"dotnet": "dotnet",
	"docker": "docker", "buildah": "docker",
	"terraform": "terraform", "tofu": "terraform",
}

// commandEcosystem guesses the ecosystem from a step's command line.
func commandEcosystem(cmd string) string {
	fields := strings.Fields(cmd)
	if len(fields) == 0 {
		return ""
	}
	if e, ok := commandEcosystems[fields[0]]; ok {
		return e
	}
	if strings.HasSuffix(fields[0], ".sh") {
		return "shell"
	}
	return ""
}

// ecosystem names the ecosystem: a Docker build step wins (the tool that
// failed ran inside it), then the causes of the naming and primary hits,
// then the step's command, then any other hit.
func (s *scanner) ecosystem(named, primary *hit) string {
	fromStep := commandEcosystem(primary.command)
	if fromStep == "docker" {
		return fromStep
	}
	for _, h := range []*hit{named, primary} {
		if e := s.kb.causes[h.cause].Ecosystem; e != "" {
			return e
		}
	}
	if fromStep != "" {
		return fromStep
	}
	for _, h := range s.all() {
		if e := s.kb.causes[h.cause].Ecosystem; e != "" {
			return e
		}
	}
	return "generic"
}
