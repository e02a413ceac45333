FROM alpine:3.20
RUN echo $((1<<2))
USER 1000
