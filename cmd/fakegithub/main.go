// Command fakegithub runs the tests' fake GitHub (handlers/githubtest) as
// a process on loopback, seeded with one open pull request whose GitHub
// Actions job failed, so that the intake benchmark can load PR Coach while
// its workers run the whole checks flow against a GitHub that answers. It
// prints the API URL to give PR Coach as GITHUB_API_URL (job logs come
// from a second loopback server, so PR Coach also needs
// PRCOACH_LOG_PRIVATE_HOSTS=true), and serves until interrupted.
//
// The defaults match ../shared/bench/check_run.completed.json. It is a
// development aid: it keeps every request it serves in memory, so start a
// fresh one for each measured run.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/google/go-github/v60/github"
	"github.com/prcoach/prcoach/handlers/githubtest"
)

func main() {
	owner := flag.String("owner", "mona", "the repository's owner")
	repo := flag.String("repo", "octo-service", "the repository's name")
	pr := flag.Int("pr", 482, "the pull request's number")
	sha := flag.String("sha", "6dcb09b5b57875f334f61aebed695e2e4193db5e", "the pull request's head commit")
	job := flag.Int64("job", 31004567890, "the failing Actions job's (and check run's) id")
	name := flag.String("name", "test (ubuntu-latest, go 1.26)", "the failing check's name")
	flag.Parse()

	s := githubtest.NewServer()
	defer s.Close()
	p := githubtest.PullRequest(*repo, *pr, *sha, "CONTRIBUTOR")
	p.Head.Repo.Owner.Login = github.String(*owner)
	p.Base.Repo.Owner.Login = github.String(*owner)
	s.AddPull(*owner, *repo, p)
	run := githubtest.ActionsRun(*job, *name, "failure")
	run.HeadSHA = github.String(*sha)
	s.SetCheckRuns(*owner, *repo, *sha, run)
	s.SetJob(&github.WorkflowJob{ID: github.Int64(*job), Name: github.String(*name),
		Steps: []*github.TaskStep{
			{Name: github.String("Set up job"), Conclusion: github.String("success")},
			{Name: github.String("Run tests"), Conclusion: github.String("failure")},
		}}, githubtest.GoTestLog)
	fmt.Println(s.APIURL())

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
}
