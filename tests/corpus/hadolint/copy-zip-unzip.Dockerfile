FROM debian:12-slim
COPY site.zip /tmp/
RUN unzip /tmp/site.zip -d /srv/site
USER 10001
