FROM opensuse/leap:15.6
RUN zypper -n in curl && zypper cc
USER 10001
