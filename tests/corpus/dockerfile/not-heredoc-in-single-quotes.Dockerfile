FROM alpine:3.20
RUN echo '<<EOF'
USER 1000
