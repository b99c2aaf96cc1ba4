package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go/logging"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws"
	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/tui"
)

// setupAWS resolves AWS credentials, region and endpoint the way AWS users
// expect (config.LoadDefaultConfig: env vars, ~/.aws/config and
// credentials, profiles, SSO, role assumption), or starts the AWS emulator
// for --demo.
func setupAWS(ctx context.Context, o options, cfg tui.Config, cleanup func(), onCall func(api.CallRecord)) (tui.Config, func(), error) {
	opts := aws.Options{ReadTimeout: o.readTimeout, OnRetry: cfg.Events.Retry, OnCall: onCall}
	if err := checkAWSFiles(); err != nil {
		return cfg, cleanup, err
	}
	// The SDK's own log lines (WARN falling back to IMDSv1) would print
	// over the terminal before our message says what is wrong.
	load := []func(*config.LoadOptions) error{config.WithLogger(logging.Nop{})}
	if o.profile != "" {
		load = append(load, config.WithSharedConfigProfile(o.profile))
	}
	if o.region != "" {
		load = append(load, config.WithRegion(o.region))
	}
	sdk, err := config.LoadDefaultConfig(ctx, load...)
	if err != nil {
		return cfg, cleanup, fmt.Errorf("AWS configuration: %v", err)
	}
	if sdk.Region == "" {
		return cfg, cleanup, errors.New("no AWS region: pass --region (e.g. us-east-1), set AWS_REGION, or set region in the profile")
	}
	// LoadDefaultConfig succeeds with no credentials at all: ask for them
	// now, briefly, and say what is missing.
	rctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	creds, err := sdk.Credentials.Retrieve(rctx)
	cancel()
	if err != nil {
		return cfg, cleanup, fmt.Errorf("no usable AWS credentials (%s): set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "+
			"pick a profile with --profile or AWS_PROFILE, or run `aws sso login`; or try `vpnscope --provider aws --demo`", shortCause(err))
	}
	endpoint := firstSet(o.endpoint, os.Getenv("AWS_ENDPOINT_URL_EC2"), os.Getenv("AWS_ENDPOINT_URL"))
	if err := checkEndpoint(endpoint); err != nil {
		return cfg, cleanup, err
	}
	opts.Endpoint = endpoint
	cfg.AWS, cfg.Region, cfg.CredentialSource = aws.New(sdk, opts), sdk.Region, awsCredentialSource(o.profile, creds.Source)
	cfg.Endpoint = endpoint
	if cfg.Endpoint == "" {
		cfg.Endpoint = "https (region endpoint)"
	} else if strings.HasPrefix(endpoint, "http://") {
		cfg.Warning = "plain HTTP endpoint: use it only with a local emulator or proxy"
	}
	return cfg, cleanup, nil
}

// awsCredentialSource says where credentials came from, never the key.
func awsCredentialSource(profile, source string) string {
	switch {
	case profile != "":
		return "profile " + profile
	case os.Getenv("AWS_PROFILE") != "":
		return "profile " + os.Getenv("AWS_PROFILE")
	case source == "EnvConfigCredentials":
		return "env"
	case strings.HasPrefix(source, "SharedConfigCredentials"):
		return "~/.aws/credentials"
	case strings.Contains(source, "SSO"):
		return "sso"
	case source != "":
		return source
	}
	return "default chain"
}

// shortCause is the SDK's reason without its nested detail.
func shortCause(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ", "); i > 0 && len(msg) > 120 {
		msg = msg[:i]
	}
	if len(msg) > 160 {
		msg = msg[:160] + "…"
	}
	return msg
}

func firstSet(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// addDemoAWS starts the AWS emulator beside the Alibaba one, so the demo
// can switch provider with p; region is where the AWS side starts.
func addDemoAWS(o options, cfg tui.Config, cleanup func(), region string, onCall func(api.CallRecord)) (tui.Config, func(), error) {
	emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{Latency: 60 * time.Millisecond, Churn: 20 * time.Second})
	if err != nil {
		return cfg, cleanup, fmt.Errorf("start the demo AWS emulator: %w", err)
	}
	closeRest := cleanup
	cleanup = func() { emu.Close(); closeRest() }
	sdk := awssdk.Config{Region: region,
		Credentials: credentials.NewStaticCredentialsProvider(awsemulator.DemoAccessKeyID, awsemulator.DemoSecretAccessKey, "")}
	cfg.AWS = aws.New(sdk, aws.Options{Endpoint: emu.URL, ReadTimeout: o.readTimeout, OnRetry: cfg.Events.Retry, OnCall: onCall})
	cfg.AWSRegion, cfg.AWSEndpoint = region, emu.URL
	return cfg, cleanup, nil
}
