// compose-check loads docker-compose.yml with compose-go, the loader `docker compose config` uses
// (Compose Specification schema, interpolation, `${VAR:?message}` refusals, normalisation), and
// prints the resolved project as YAML. For machines without the Docker Compose plugin:
//
//	go run ./deploy/compose-check docker-compose.yml ENV_FILE .
//
// tests/unit/deploy/test_compose.py builds it from the module cache when Go is installed.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: compose-check COMPOSE_FILE ENV_FILE WORKING_DIR")
		os.Exit(2)
	}
	opts, err := cli.NewProjectOptions([]string{os.Args[1]},
		cli.WithEnvFiles(os.Args[2]), cli.WithDotEnv, cli.WithName("strikewatch"),
		cli.WithWorkingDirectory(os.Args[3]))
	if err != nil {
		fmt.Fprintln(os.Stderr, "compose-check:", err)
		os.Exit(1)
	}
	project, err := opts.LoadProject(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, "compose-check:", err)
		os.Exit(1)
	}
	out, err := project.MarshalYAML()
	if err != nil {
		fmt.Fprintln(os.Stderr, "compose-check:", err)
		os.Exit(1)
	}
	os.Stdout.Write(out)
}
