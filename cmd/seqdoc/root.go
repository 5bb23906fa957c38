package main

import (
	"context"
	"errors"
	"fmt"

	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"

	"github.com/seqdoc/seqdoc/internal/typo"
	"github.com/spf13/cobra"
)

// version is set at link time (-ldflags "-X main.version=…"); otherwise it
// comes from the module's build information.
var version = ""

func seqdocVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// usageError marks an error in how the command was called: exit code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// newRootCmd builds the whole command tree. Every subcommand is listed here,
// explicitly, in the order --help shows them.
func newRootCmd(s *Streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "seqdoc",
		Short: "Document AWS ALB + Cognito sign-in flows from browser captures",
		Long: `seqdoc turns a browser capture (HAR) of a login and logout behind an AWS
Application Load Balancer with Amazon Cognito into a documentation page: a
sequence diagram whose arrows carry the AWS workflow step numbers, a glossary
of every cookie and header involved, and findings about what went wrong.
Pages live in content/ as Markdown; seqdoc builds them into a static site and
serves it locally with live reload.`,
		Example: `  seqdoc serve                                   # the built-in cookbook on http://127.0.0.1:1313
  seqdoc inspect login.har                       # classified requests and findings
  seqdoc check content/ --format sarif -o x.sarif # findings as a CI gate (exit 1 on an error)
  seqdoc diff before.har after.har               # what changed between two captures
  seqdoc import login.har --to content/cookbook/my-app/auth
  seqdoc render flow.mmd -o flow.svg             # one Mermaid sequence diagram to SVG
  seqdoc build --out public                      # the static site`,
		Version:       seqdocVersion(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(s.In)
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SetVersionTemplate("seqdoc {{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w (see '%s --help')", err, c.CommandPath())}
	})
	for _, sub := range subcommands {
		root.AddCommand(sub(s))
	}
	root.AddCommand(newVersionCmd(s))
	addCompletionExamples(root)
	root.SetHelpCommand(newHelpCmd())
	return root
}

// newHelpCmd is cobra's help command, except that a topic that is no
// command is wrong usage said in one line, as a mistyped command is
// ("seqdoc help buidl" printed "Unknown help topic [`buidl`]", the whole
// usage after it, and exited 0).
func newHelpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long:  "Help prints the help of any command: what it does, its flags and examples.",
		Example: `  seqdoc help build      # the same as seqdoc build --help
  seqdoc help            # the commands`,
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			var names []string
			for _, sub := range c.Root().Commands() {
				if sub.IsAvailableCommand() && strings.HasPrefix(sub.Name(), toComplete) {
					names = append(names, sub.Name())
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			cmd := c.Root()
			for i, a := range args {
				var sub *cobra.Command
				for _, x := range cmd.Commands() {
					if x.IsAvailableCommand() && (x.Name() == a || x.HasAlias(a)) {
						sub = x
					}
				}
				if sub == nil {
					msg := fmt.Sprintf("help: no command %q", strings.Join(args[:i+1], " "))
					if best := nearestCommand(cmd, a); best != "" {
						msg += fmt.Sprintf(": did you mean %q?", strings.Join(append(args[:i:i], best), " "))
					}
					return usageErrorf("%s (see '%s --help')", msg, cmd.CommandPath())
				}
				cmd = sub
			}
			return cmd.Help()
		},
	}
}

// nearestCommand is the available subcommand of cmd that name most likely
// misspells (at most two edits away, one per three letters), else "".
func nearestCommand(cmd *cobra.Command, name string) string {
	best, bestD := "", 3
	for _, sub := range cmd.Commands() {
		if !sub.IsAvailableCommand() {
			continue
		}
		if d := typo.Distance(name, sub.Name(), bestD); d < bestD && 3*d <= len(name) {
			best, bestD = sub.Name(), d
		}
	}
	return best
}

// addCompletionExamples adds cobra's completion command now (cobra would
// when it runs) and gives it and its shells examples, as every other
// command's --help has.
func addCompletionExamples(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		// A mistyped shell is an error (cobra printed the help and exited 0:
		// a command without Run takes any argument); no shell, the help.
		c.Args = cobra.NoArgs
		c.RunE = func(c *cobra.Command, _ []string) error { return c.Help() }
		c.Example = `  source <(seqdoc completion bash)                 # bash, this shell
  seqdoc completion zsh > "${fpath[1]}/_seqdoc"     # zsh, every new shell
  seqdoc completion fish > ~/.config/fish/completions/seqdoc.fish`
		for _, sh := range c.Commands() {
			switch sh.Name() {
			case "bash":
				sh.Example = `  source <(seqdoc completion bash)
  seqdoc completion bash > /etc/bash_completion.d/seqdoc`
			case "zsh":
				sh.Example = `  source <(seqdoc completion zsh)
  seqdoc completion zsh > "${fpath[1]}/_seqdoc"`
			case "fish":
				sh.Example = `  seqdoc completion fish | source
  seqdoc completion fish > ~/.config/fish/completions/seqdoc.fish`
			case "powershell":
				sh.Example = `  seqdoc completion powershell | Out-String | Invoke-Expression`
			}
		}
	}
}

// subcommands lists the constructors of the commands that do the work.
var subcommands = []func(*Streams) *cobra.Command{
	newBuildCmd, newNewCmd,
	newServeCmd,
	newInspectCmd,
	newCheckCmd, newDiffCmd,
	newImportCmd, newRecordCmd,
	newRenderCmd,
}

func newVersionCmd(s *Streams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print seqdoc's version",
		Example: `  seqdoc version      # seqdoc v1.2.0, or devel for a build from a clone
  seqdoc --version    # the same line`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(s.Out, "seqdoc %s\n", seqdocVersion())
			return err
		},
	}
}

// quickCommands finish in milliseconds and write their output atomically,
// so Ctrl-C may simply end them. The others get a context that Ctrl-C or
// SIGTERM cancels, so that they stop cleanly (serve shuts down; inspect,
// import and build stop reading, even while they wait on standard input,
// and remove what they had begun). A second signal ends the process at
// once. Installing that handler starts the runtime's signal goroutines,
// about 0.2 ms: 4 % of a whole `seqdoc render`.
var quickCommands = map[string]bool{"render": true, "version": true, "help": true, "completion": true}

// main1 runs seqdoc and returns its exit code: 0 ok, 1 bad input or content,
// 2 wrong usage. A panic is reported as one line, never as a stack trace.
func main1() (code int) {
	s := &Streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}
	return run(s, os.Args[1:])
}

func run(s *Streams, args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(s.Err, "seqdoc: internal error: %v (please report this with the command you ran)\n", r)
			code = 1
		}
	}()
	root := newRootCmd(s)
	root.SetArgs(args)
	ctx := context.Background()
	if c, _, err := root.Find(args); err != nil || !quickCommands[c.Name()] {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
		defer stop()
		context.AfterFunc(ctx, stop) // the default again: a second signal ends seqdoc
	}
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return 0
	}
	if errors.Is(err, errDiffer) {
		return 1 // diff --exit-code: the output said it all
	}
	if ctx.Err() != nil && cmd != nil {
		fmt.Fprintf(s.Err, "seqdoc: %s interrupted (%v): nothing was written\n", cmd.Name(), context.Cause(ctx))
		return 1
	}
	msg := strings.TrimPrefix(err.Error(), "seqdoc: ")
	var ue usageError
	ours := errors.As(err, &ue) // our own usage messages already say what to do
	usage := ours || isCobraUsageError(err)
	if usage && !ours && cmd != nil {
		msg = explainUsage(cmd, msg)
		if !strings.Contains(msg, "--help") {
			msg += fmt.Sprintf(" (see '%s --help')", cmd.CommandPath())
		}
	}
	fmt.Fprintln(s.Err, "seqdoc: "+msg)
	if usage {
		return 2
	}
	return 1
}

// explainUsage puts cobra's own usage errors in seqdoc's words, on one
// line: a mistyped command with the one meant ("Did you mean this?" and
// the command came on lines of their own); an argument to a command that
// takes none (cobra calls it an unknown command: "seqdoc build docs" is
// --src docs); a wrong number of arguments with the command's usage line.
func explainUsage(cmd *cobra.Command, msg string) string {
	name := strings.TrimPrefix(cmd.CommandPath(), "seqdoc ")
	if first, _, _ := strings.Cut(msg, "\n"); strings.HasPrefix(first, "unknown command ") {
		if !cmd.HasParent() {
			what, _, _ := strings.Cut(first, " for ")
			var meant []string
			if _, sugg, ok := strings.Cut(msg, "Did you mean this?"); ok {
				for _, f := range strings.Fields(sugg) {
					meant = append(meant, strconv.Quote(f))
				}
			}
			if len(meant) > 0 {
				return what + ": did you mean " + strings.Join(meant, " or ") + "?"
			}
			return what
		}
		args := cmd.Flags().Args()
		if cmd.HasAvailableSubCommands() && len(args) > 0 { // seqdoc completion fsh
			s := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
			var subs []string
			for _, c := range cmd.Commands() {
				if c.IsAvailableCommand() {
					subs = append(subs, c.Name())
				}
			}
			if best := nearestCommand(cmd, args[0]); best != "" {
				return s + fmt.Sprintf(": did you mean %q?", best)
			}
			return s + fmt.Sprintf(" (use one of: %s; see '%s --help')", strings.Join(subs, ", "), cmd.CommandPath())
		}
		quoted := make([]string, len(args))
		for i, a := range args {
			quoted[i] = strconv.Quote(a)
		}
		s := fmt.Sprintf("%s takes no arguments, got %s", name, strings.Join(quoted, " "))
		if len(args) == 1 && cmd.Flags().Lookup("src") != nil {
			if fi, err := os.Stat(args[0]); err == nil && fi.IsDir() {
				s += fmt.Sprintf(": did you mean --src %s?", args[0])
			}
		}
		return s
	}
	// cobra's "accepts 1 arg(s), received 0", "requires at least 1
	// arg(s), only received 0" (parsed by hand: a regexp compiled at start-up
	// would cost every command, render's quick start too).
	for _, c := range [][2]string{{"accepts ", ""}, {"requires at least ", "at least "}, {"requires at most ", "at most "}} {
		rest, ok := strings.CutPrefix(msg, c[0])
		if !ok {
			continue
		}
		rest = strings.Replace(rest, "only received", "received", 1)
		var n, got int
		if k, err := fmt.Sscanf(rest, "%d arg(s), received %d", &n, &got); err != nil || k != 2 {
			break
		}
		noun := "arguments"
		if n == 1 {
			noun = "argument"
		}
		gotS := strconv.Itoa(got)
		if got == 0 {
			gotS = "none"
		}
		return fmt.Sprintf("%s takes %s%d %s, got %s: %s", name, c[1], n, noun, gotS, cmd.UseLine())
	}
	return msg
}

// isCobraUsageError recognises the argument errors cobra returns itself
// (unknown command, wrong number of arguments).
func isCobraUsageError(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "accepts ", "requires at least", "requires at most", "requires exactly", "unknown flag", "unknown shorthand", "invalid argument"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}
