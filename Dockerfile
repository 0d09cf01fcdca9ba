# PR Coach as a container: a static binary (pure-Go SQLite and PostgreSQL
# drivers, no cgo) on distroless's static base, running as a non-root user.
#   docker build -t prcoach .
#   docker run -p 3000:3000 --env-file .env prcoach
# With no PRCOACH_DATABASE_URL it keeps SQLite in /home/nonroot/prcoach.db;
# mount a volume there to keep it.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/prcoach ./cmd/prcoach

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/prcoach /usr/local/bin/prcoach
COPY app.yml /home/nonroot/app.yml
WORKDIR /home/nonroot
USER nonroot:nonroot
EXPOSE 3000
ENTRYPOINT ["/usr/local/bin/prcoach"]
CMD ["serve"]
