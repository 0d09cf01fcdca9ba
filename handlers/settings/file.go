package settings

// The file's shape as YAML decodes it. Pointers tell a key that is absent
// (keep the default) from one set to its zero value; these types are the
// schema the strict walk in walk.go checks a file against.

type file struct {
	Version       *int          `yaml:"version"`
	Checks        *checksFile   `yaml:"checks"`
	Tone          *toneFile     `yaml:"tone"`
	Explain       *explainFile  `yaml:"explain"`
	Language      *string       `yaml:"language"`
	KnownFailures []failureFile `yaml:"known_failures"`
}

type checksFile struct {
	Ignore []string `yaml:"ignore"`
	Only   []string `yaml:"only"`
}

type toneFile struct {
	Mode            *string  `yaml:"mode"`
	Threshold       *float64 `yaml:"threshold"`
	IgnoreUsers     []string `yaml:"ignore_users"`
	MaxRepliesPerPR *int     `yaml:"max_replies_per_pr"`
}

type explainFile struct {
	// Allow is a pointer so that "allow: []" (nobody) differs from an
	// absent key (the default list).
	Allow           *[]string `yaml:"allow"`
	MaxRepliesPerPR *int      `yaml:"max_replies_per_pr"`
}

type failureFile struct {
	ID             string   `yaml:"id"`
	Title          string   `yaml:"title"`
	Pattern        string   `yaml:"pattern"`
	Patterns       []string `yaml:"patterns"`
	Explanation    string   `yaml:"explanation"`
	Flaky          bool     `yaml:"flaky"`
	Infrastructure bool     `yaml:"infrastructure"`
	Category       string   `yaml:"category"`
	NextSteps      []string `yaml:"next_steps"`
	Reproduce      []string `yaml:"reproduce"`
}
