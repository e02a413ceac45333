FROM opensuse/leap:15.6
RUN zypper --non-interactive install curl=8.0.1 && zypper clean -a
USER 10001
