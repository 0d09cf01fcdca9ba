package settings

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/google/go-github/v60/github"
)

// orgRepo is the repository that holds an owner's shared settings.
const orgRepo = ".github"

// fetched is the outcome of looking for a settings file.
type fetched struct {
	s    Settings
	perr *ParseError
	// inRepo: the repository has its own file, so a change to the owner's
	// ".github" repository does not affect it.
	inRepo bool
}

// fetch reads the repository's file from its default branch (empty
// defaultBranch: the API's default, which is the default branch), then the
// owner's ".github" repository's, then settles for the defaults. A missing
// file is not an error; anything else the API says is, so the job retries.
func fetch(ctx context.Context, gh *github.Client, owner, repo, defaultBranch string) (fetched, error) {
	fc, dir, found, err := getFile(ctx, gh, owner, repo, defaultBranch)
	if err != nil {
		return fetched{}, err
	}
	src := Source{Repo: owner + "/" + repo, Path: Path}
	out := fetched{inRepo: found}
	if !found && repo != orgRepo {
		fc, dir, found, err = getFile(ctx, gh, owner, orgRepo, "")
		if err != nil {
			return fetched{}, err
		}
		src.Repo = owner + "/" + orgRepo
	}
	if !found {
		out.s = Default()
		return out, nil
	}
	data, perr := content(fc, dir)
	if perr == nil {
		out.s, perr = decode(data)
	}
	if perr != nil {
		src.SHA = fc.GetSHA()
		perr.Source = src
		out.s, out.perr = perr.defaults(), perr
		return out, nil
	}
	src.SHA = fc.GetSHA()
	out.s.source = src
	return out, nil
}

// getFile gets Path from one repository; found is false on a 404.
func getFile(ctx context.Context, gh *github.Client, owner, repo, ref string) (*github.RepositoryContent, []*github.RepositoryContent, bool, error) {
	var opts *github.RepositoryContentGetOptions
	if ref != "" {
		opts = &github.RepositoryContentGetOptions{Ref: ref}
	}
	fc, dir, resp, err := gh.Repositories.GetContents(ctx, owner, repo, Path, opts)
	if err != nil {
		var er *github.ErrorResponse
		if errors.As(err, &er) && resp != nil && resp.StatusCode == http.StatusNotFound {
			return nil, nil, false, nil
		}
		return nil, nil, false, fmt.Errorf("get %s/%s %s: %w", owner, repo, Path, err)
	}
	return fc, dir, true, nil
}

// content checks that a fetched path is a small regular file and returns
// its bytes; anything else is the repository's mistake.
func content(fc *github.RepositoryContent, dir []*github.RepositoryContent) ([]byte, *ParseError) {
	ps := &problems{}
	switch {
	case fc == nil && dir != nil:
		ps.addAt(0, "", "%s is a folder; PR Coach expects a file there.", Path)
	case fc == nil || fc.GetType() != "file":
		ps.addAt(0, "", "%s is not a regular file (it is a %s); PR Coach expects a YAML file there.", Path, fc.GetType())
	case fc.GetSize() > MaxFileSize || fc.GetEncoding() == "none":
		ps.addAt(0, "", "the file is %d KB; settings files can be at most %d KB.", fc.GetSize()>>10, MaxFileSize>>10)
	default:
		text, err := fc.GetContent()
		if err == nil {
			return []byte(text), nil
		}
		ps.addAt(0, "", "GitHub sent the file in a form PR Coach cannot read (%v).", err)
	}
	return nil, ps.err()
}
