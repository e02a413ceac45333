FROM alpine:3.20
RUN <<-EOT
	echo tabbed
	EOT
USER 1000
