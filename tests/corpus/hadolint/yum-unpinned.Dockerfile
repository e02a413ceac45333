FROM rockylinux:9
RUN yum install -y httpd && yum clean all
USER 10001
